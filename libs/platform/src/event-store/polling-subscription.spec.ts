import type { ReadAllOptions, RecordedEvent } from './event-store.port';
import { comparePositions, type Position } from './position';
import { PollingSubscription } from './polling-subscription';
import { SharedTailReads } from './shared-tail-reads';
import { WakeSignal } from './wake-signal';

const at = (n: number): Position => ({ commit: BigInt(n), prepare: BigInt(n) });
const event = (n: number): RecordedEvent => ({ id: `e${n}`, streamId: 'thing-1', revision: n, type: 'Happened', data: {}, metadata: {} as RecordedEvent['metadata'], position: at(n), createdAt: new Date(0) });

/** A log in memory, counting how often it is read and asked whether anything follows. */
function memoryLog() {
  const events: RecordedEvent[] = [];
  const counts = { reads: 0, checks: 0 };
  const after = (position: Position | null) => events.filter((e) => !position || comparePositions(e.position, position) > 0);
  return {
    events,
    counts,
    readAll: async ({ after: position, maxCount }: ReadAllOptions) => {
      counts.reads++;
      return after(position ?? null).slice(0, maxCount);
    },
    hasUnsettled: async (position: Position | null) => {
      counts.checks++;
      return after(position).length > 0;
    },
  };
}

const turns = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('polling subscription', () => {
  it('after a short batch, reads again only when signalled, not to find nothing', async () => {
    const log = memoryLog();
    const signal = new WakeSignal();
    log.events.push(event(1), event(2));
    const subscription = new PollingSubscription(log.readAll, log.hasUnsettled, signal, null, 10);
    const received: number[] = [];
    const consuming = (async () => {
      for await (const batch of subscription) received.push(...batch.map((e) => e.revision));
    })();
    await turns();
    expect(received).toEqual([1, 2]);
    // One read found both; one check found nothing after them; no read came back empty.
    expect(log.counts).toEqual({ reads: 1, checks: 1 });

    log.events.push(event(3));
    signal.notify();
    await turns();
    expect(received).toEqual([1, 2, 3]);
    expect(log.counts).toEqual({ reads: 2, checks: 2 });
    await subscription.close();
    await consuming;
  });

  it('reads on at once when a full batch may have more behind it, or something follows a short one', async () => {
    const log = memoryLog();
    const signal = new WakeSignal();
    for (let n = 1; n <= 5; n++) log.events.push(event(n));
    const subscription = new PollingSubscription(log.readAll, log.hasUnsettled, signal, null, 2);
    const received: number[] = [];
    const consuming = (async () => {
      for await (const batch of subscription) {
        received.push(...batch.map((e) => e.revision));
        // Appended while the batch was handled, its signal lost: what follows is still read.
        if (batch[0].revision === 5) log.events.push(event(6));
      }
    })();
    await turns();
    expect(received).toEqual([1, 2, 3, 4, 5, 6]);
    await subscription.close();
    await consuming;
  });
});

describe('polling subscription gathering appends', () => {
  it('given appends signalled while a short batch was handled, when it gathers, then it reads them only after the pause', async () => {
    const log = memoryLog();
    const signal = new WakeSignal();
    log.events.push(event(1), event(2));
    // A pause far longer than the test: what it shows is that no read happens during it.
    const subscription = new PollingSubscription(log.readAll, log.hasUnsettled, signal, null, 10, 60_000);
    const received: number[] = [];
    const consuming = (async () => {
      for await (const batch of subscription) {
        received.push(...batch.map((e) => e.revision));
        if (batch[0].revision === 1) {
          log.events.push(event(3));
          signal.notify();
        }
      }
    })();
    await turns();
    expect(received).toEqual([1, 2]);
    expect(log.counts).toEqual({ reads: 1, checks: 0 });
    // Closing ends the pause: the consumer is not held for its length.
    await subscription.close();
    await consuming;
    expect(log.counts.reads).toBe(1);
  });

  it('reads what gathered after a short pause, in one batch', async () => {
    const log = memoryLog();
    const signal = new WakeSignal();
    log.events.push(event(1));
    const subscription = new PollingSubscription(log.readAll, log.hasUnsettled, signal, null, 10, 5);
    const batches: number[][] = [];
    const consuming = (async () => {
      for await (const batch of subscription) {
        batches.push(batch.map((e) => e.revision));
        if (batch[0].revision === 1) {
          // Appended one by one while the first batch is handled and during the pause.
          log.events.push(event(2));
          signal.notify();
          setTimeout(() => {
            log.events.push(event(3));
            signal.notify();
          }, 1);
        }
      }
    })();
    await turns();
    expect(batches).toEqual([[1], [2, 3]]);
    await subscription.close();
    await consuming;
  });

  it('a lone append, with nothing appended while its batch was handled, is read without a pause', async () => {
    const log = memoryLog();
    const signal = new WakeSignal();
    const subscription = new PollingSubscription(log.readAll, log.hasUnsettled, signal, null, 10, 60_000);
    const received: number[] = [];
    const consuming = (async () => {
      for await (const batch of subscription) received.push(...batch.map((e) => e.revision));
    })();
    await turns();
    log.events.push(event(1));
    signal.notify();
    await turns();
    log.events.push(event(2));
    signal.notify();
    await turns();
    expect(received).toEqual([1, 2]);
    await subscription.close();
    await consuming;
  });
});

describe('polling subscriptions sharing their reads of the tail', () => {
  it('given a check for what follows that began before an append, when a subscriber woken by that append would share it, then it checks anew and reads the append', async () => {
    const log = memoryLog();
    const signal = new WakeSignal();
    // Checks answer from the log as it was when they began, and are held while `held` is set, as
    // a busy pool holds them.
    let held: Array<() => void> | undefined;
    const tail = new SharedTailReads(log.readAll, async (after) => {
      const answer = await log.hasUnsettled(after);
      if (held) await new Promise<void>((resolve) => held!.push(resolve));
      return answer;
    });
    const subscribe = () => new PollingSubscription((o) => tail.read(o), (after, seen) => tail.unsettledAfter(after, seen), signal, null, 10);
    const consume = (subscription: PollingSubscription, into: number[], handle: () => Promise<void>) =>
      (async () => {
        for await (const batch of subscription) {
          into.push(...batch.map((e) => e.revision));
          await handle();
        }
      })();
    const ahead = subscribe();
    const behind = subscribe();
    const received = { ahead: [] as number[], behind: [] as number[] };
    let finishFirstBatch: () => void = () => undefined;
    const firstBatchHandled = new Promise<void>((resolve) => (finishFirstBatch = resolve));
    log.events.push(event(1));
    const consuming = [
      consume(ahead, received.ahead, async () => undefined),
      // `behind` is still handling its first batch while 2 and then 3 are appended.
      consume(behind, received.behind, () => firstBatchHandled),
    ];
    await turns();

    // `ahead` reads 2 and asks what follows it; that check is still running when 3 is appended.
    held = [];
    log.events.push(event(2));
    signal.notify();
    await turns();
    log.events.push(event(3));
    signal.notify();
    // `behind`, woken by 3, reads 2 from the run `ahead` read and asks what follows 2.
    finishFirstBatch();
    await turns();
    const holding = held;
    held = undefined;
    holding.forEach((release) => release());
    await turns();

    expect(received.ahead).toEqual([1, 2, 3]);
    expect(received.behind).toEqual([1, 2, 3]);
    await ahead.close();
    await behind.close();
    await Promise.all(consuming);
  });
});
