import { Waiters } from './waiters';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Waiters', () => {
  it('settles a waiter only when a check finds its own target reached', async () => {
    const waiters = new Waiters<number>();
    const settled: number[] = [];
    for (const target of [3, 5, 8]) void waiters.wait(target, 2_000).then((reached) => reached && settled.push(target));
    waiters.settle((target) => target <= 4);
    await tick();
    expect(settled).toEqual([3]);
    expect(waiters.size).toBe(2);
    waiters.settle((target) => target <= 8);
    await tick();
    expect(settled).toEqual([3, 5, 8]);
    expect(waiters.size).toBe(0);
  });

  it('settles a waiter not reached by its deadline as not reached, once: a later check finds nobody', async () => {
    const waiters = new Waiters<number>();
    const started = Date.now();
    await expect(waiters.wait(1, 40)).resolves.toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    expect(waiters.size).toBe(0);
    const checked: number[] = [];
    waiters.settle((target) => (checked.push(target), true));
    expect(checked).toEqual([]);
  });
});
