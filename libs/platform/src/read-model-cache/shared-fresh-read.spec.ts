import { SharedFreshRead } from './shared-fresh-read';

/** A read whose rounds the test ends by hand, recording when each began. */
function controlledRead() {
  const rounds: { resolve: (value: number) => void; reject: (error: Error) => void }[] = [];
  const read = () => new Promise<number>((resolve, reject) => rounds.push({ resolve, reject }));
  return { rounds, shared: new SharedFreshRead(read) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SharedFreshRead', () => {
  it('answers callers that arrive during a read with the next read, shared by all of them', async () => {
    const { rounds, shared } = controlledRead();
    const first = shared.run();
    const late = [shared.run(), shared.run(), shared.run()];
    expect(rounds).toHaveLength(1);
    rounds[0].resolve(1);
    await expect(first).resolves.toBe(1);
    await tick();
    expect(rounds).toHaveLength(2);
    rounds[1].resolve(2);
    await expect(Promise.all(late)).resolves.toEqual([2, 2, 2]);
  });

  it('starts a new read for a caller after the last one ended', async () => {
    const { rounds, shared } = controlledRead();
    const first = shared.run();
    rounds[0].resolve(1);
    await first;
    const second = shared.run();
    expect(rounds).toHaveLength(2);
    rounds[1].resolve(7);
    await expect(second).resolves.toBe(7);
  });

  it('a failed read fails its own callers only; the next round still runs', async () => {
    const { rounds, shared } = controlledRead();
    const first = shared.run();
    const late = shared.run();
    rounds[0].reject(new Error('connection lost'));
    await expect(first).rejects.toThrow('connection lost');
    await tick();
    rounds[1].resolve(3);
    await expect(late).resolves.toBe(3);
  });
});
