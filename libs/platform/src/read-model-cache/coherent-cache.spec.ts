import type { CacheCoherence } from './cache-coherence';
import { CoherentCache } from './coherent-cache';

/** A coherence whose lease is always fresh and that never signals a change: only the TTL acts. */
const alwaysServing = { serving: true, onInvalidate: () => () => undefined } as unknown as CacheCoherence;

describe('CoherentCache expiry', () => {
  const TTL = 1_000;
  const KEYS = Array.from({ length: 200 }, (_, i) => `key-${i}`);
  let now: number;
  let loads: string[];
  let cache: CoherentCache<string>;
  const lookUpAll = () => Promise.all(KEYS.map((key) => cache.get(key, async () => (loads.push(key), `value of ${key}`))));

  beforeEach(async () => {
    now = 0;
    cache = new CoherentCache<string>(alwaysServing, { ttlMs: TTL, clock: () => now });
    loads = [];
    await lookUpAll();
    loads = [];
  });

  it('given entries loaded together, when three quarters of the TTL have passed, then every one is still served from the cache', async () => {
    now = 0.75 * TTL - 1;
    await lookUpAll();
    expect(loads).toEqual([]);
  });

  it('given entries loaded together, when they expire, then they do so spread over the last quarter of the TTL rather than all at once', async () => {
    const reloadedBy = (at: number) => {
      now = at;
      return lookUpAll().then(() => new Set(loads).size);
    };
    const early = await reloadedBy(0.8 * TTL);
    const middle = await reloadedBy(0.9 * TTL);
    expect(early).toBeGreaterThan(0);
    expect(early).toBeLessThan(KEYS.length / 2);
    expect(middle).toBeGreaterThan(early);
    expect(middle).toBeLessThan(KEYS.length);
  });

  it('given entries loaded together, when the whole TTL has passed, then every one is looked up again', async () => {
    now = TTL;
    await lookUpAll();
    expect(new Set(loads).size).toBe(KEYS.length);
  });
});
