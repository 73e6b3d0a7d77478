import type { ReadAllOptions, RecordedEvent } from './event-store.port';
import { comparePositions, type Position } from './position';
import { SharedTailReads } from './shared-tail-reads';

const at = (n: number): Position => ({ commit: BigInt(n), prepare: BigInt(n) });
const event = (n: number): RecordedEvent => ({ id: `e${n}`, streamId: `s-${n}`, revision: 0, type: 'T', data: {}, metadata: {}, position: at(n), createdAt: new Date(0) }) as RecordedEvent;

/** A log of events 1..size; counts the reads that reach it. */
function log(size: number) {
  const events = Array.from({ length: size }, (_, i) => event(i + 1));
  const reads: Array<number | null> = [];
  return {
    events,
    reads,
    readAll: async ({ after, maxCount }: ReadAllOptions) => {
      reads.push(after ? Number(after.prepare) : null);
      await Promise.resolve();
      return events.filter((e) => !after || comparePositions(e.position, after) > 0).slice(0, maxCount);
    },
  };
}

const numbers = (events: readonly RecordedEvent[]) => events.map((e) => Number(e.position.prepare));

describe('SharedTailReads', () => {
  it('given readers at the same position at once, when they read, then one read reaches the store and all get its events', async () => {
    const store = log(5);
    const tail = new SharedTailReads(store.readAll, async () => false);

    const answers = await Promise.all([1, 2, 3].map(() => tail.read({ after: at(2), maxCount: 10 })));

    expect(answers.map(numbers)).toEqual([[3, 4, 5], [3, 4, 5], [3, 4, 5]]);
    expect(store.reads).toEqual([2]);
  });

  it('given a run already read, when a slower reader asks from inside it, then it gets the rest of the run without a read', async () => {
    const store = log(6);
    const tail = new SharedTailReads(store.readAll, async () => false);
    await tail.read({ after: null, maxCount: 10 });

    expect(numbers(await tail.read({ after: at(3), maxCount: 2 }))).toEqual([4, 5]);
    expect(numbers(await tail.read({ after: at(5), maxCount: 10 }))).toEqual([6]);
    expect(store.reads).toEqual([null]);
  });

  it('given the end of the run, when read past it, then the store is asked and the run grows', async () => {
    const store = log(3);
    const tail = new SharedTailReads(store.readAll, async () => false);
    await tail.read({ after: null, maxCount: 10 });
    store.events.push(event(4), event(5));

    expect(numbers(await tail.read({ after: at(3), maxCount: 10 }))).toEqual([4, 5]);
    expect(numbers(await tail.read({ after: at(1), maxCount: 10 }))).toEqual([2, 3, 4, 5]);
    expect(store.reads).toEqual([null, 3]);
  });

  it('given a position the run does not cover, when read, then the store answers', async () => {
    const store = log(10);
    const tail = new SharedTailReads(store.readAll, async () => false, 4);
    await tail.read({ after: null, maxCount: 10 });

    // Only the last 4 events are kept: 6 is covered, 2 is not.
    expect(numbers(await tail.read({ after: at(6), maxCount: 10 }))).toEqual([7, 8, 9, 10]);
    expect(numbers(await tail.read({ after: at(2), maxCount: 3 }))).toEqual([3, 4, 5]);
    expect(store.reads).toEqual([null, 2]);
  });

  it('given a lagging reader, when its answer ends before the run, then the run stays for the readers ahead', async () => {
    const store = log(8);
    const tail = new SharedTailReads(store.readAll, async () => false, 4);
    await tail.read({ after: null, maxCount: 10 }); // run: 5..8
    await tail.read({ after: at(1), maxCount: 2 }); // 2, 3 from the store

    expect(numbers(await tail.read({ after: at(6), maxCount: 10 }))).toEqual([7, 8]);
    expect(store.reads).toEqual([null, 1]);
  });

  it('given checks for unsettled events after one position at once, when made, then one check reaches the store', async () => {
    let checks = 0;
    const tail = new SharedTailReads(log(0).readAll, async () => {
      checks++;
      await Promise.resolve();
      return true;
    });

    expect(await Promise.all([tail.unsettledAfter(at(1), 0), tail.unsettledAfter(at(1), 0), tail.unsettledAfter(null, 0)])).toEqual([true, true, true]);
    expect(checks).toBe(2);
  });

  it('given a check in flight, when a reader that has seen a later wake-up asks at the same position, then its check reaches the store', async () => {
    const store = log(1);
    const answers: boolean[] = [];
    const tail = new SharedTailReads(store.readAll, async (after) => {
      // Answers from the log as it is when the check begins.
      const answer = store.events.some((e) => comparePositions(e.position, after!) > 0);
      await Promise.resolve();
      answers.push(answer);
      return answer;
    });

    const before = tail.unsettledAfter(at(1), 0);
    store.events.push(event(2)); // appended and signalled: generation 1
    const after = tail.unsettledAfter(at(1), 1);

    expect(await Promise.all([before, after])).toEqual([false, true]);
    expect(answers).toHaveLength(2);
  });
});
