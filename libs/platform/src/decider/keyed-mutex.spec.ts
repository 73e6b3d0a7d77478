import { KeyedMutex } from './keyed-mutex';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedMutex', () => {
  it('gives a key to one holder at a time, in the order they asked', async () => {
    const mutex = new KeyedMutex();
    const order: string[] = [];
    const first = await mutex.acquire('a');
    const later = ['b', 'c', 'd'].map((name) => mutex.acquire('a').then((release) => (order.push(name), release)));
    await tick();
    expect(order).toEqual([]);
    first();
    const second = await later[0];
    await tick();
    expect(order).toEqual(['b']);
    second();
    (await later[1])();
    (await later[2])();
    expect(order).toEqual(['b', 'c', 'd']);
  });

  it('lets different keys be held at once', async () => {
    const mutex = new KeyedMutex();
    await mutex.acquire('a');
    await expect(Promise.race([mutex.acquire('b').then(() => 'taken'), tick().then(() => 'waiting')])).resolves.toBe('taken');
  });

  it('counts a release once: releasing twice does not hand the key to two callers', async () => {
    const mutex = new KeyedMutex();
    const release = await mutex.acquire('a');
    const holders: string[] = [];
    const b = mutex.acquire('a').then((r) => (holders.push('b'), r));
    const c = mutex.acquire('a').then((r) => (holders.push('c'), r));
    release();
    release();
    await tick();
    expect(holders).toEqual(['b']);
    (await b)();
    await c;
    expect(holders).toEqual(['b', 'c']);
  });

  it('runs work one at a time per key, and frees the key when the work throws', async () => {
    const mutex = new KeyedMutex();
    let running = 0;
    let most = 0;
    const work = async (fail: boolean) => {
      running++;
      most = Math.max(most, running);
      await tick();
      running--;
      if (fail) throw new Error('refused');
      return 'done';
    };
    const outcomes = await Promise.allSettled([mutex.run('a', () => work(true)), mutex.run('a', () => work(false)), mutex.run('a', () => work(false))]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(most).toBe(1);
    // Free again: taken at once.
    await expect(Promise.race([mutex.acquire('a').then(() => 'taken'), tick().then(() => 'waiting')])).resolves.toBe('taken');
  });
});
