import type { CacheCoherence } from './cache-coherence';
import { CoherentCache } from './coherent-cache';

/** A coherence whose lease is always fresh and that never signals a change: only the TTL acts. */
const alwaysServing = { serving: true, onInvalidate: () => () => undefined } as unknown as CacheCoherence;

describe('CoherentCache expiry', () => {
  const TTL = 1_000;
  const KEYS = Array.from({ length: 200 }, (_, i) => `key-${i}`);
  let now: number;
  let loads: string[];
  let version: number;
  let cache: CoherentCache<string>;
  /** A loader that answers at once, or holds its answer until released. */
  let hold: Promise<void> | undefined;
  const loader = (key: string) => async () => {
    loads.push(key);
    await hold;
    return `${key} v${version}`;
  };
  const lookUpAll = () => Promise.all(KEYS.map((key) => cache.get(key, loader(key))));

  beforeEach(async () => {
    now = 0;
    version = 1;
    hold = undefined;
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
    const lookedUpBy = async (at: number) => {
      now = at;
      await lookUpAll();
      return new Set(loads).size;
    };
    const early = await lookedUpBy(0.8 * TTL);
    const middle = await lookedUpBy(0.9 * TTL);
    expect(early).toBeGreaterThan(0);
    expect(early).toBeLessThan(KEYS.length / 2);
    expect(middle).toBeGreaterThan(early);
    expect(middle).toBeLessThan(KEYS.length);
  });

  it('given an entry just past its TTL, when it is asked for, then the cached value answers at once and one lookup renews it in the background', async () => {
    now = TTL;
    version = 2;
    let release!: () => void;
    hold = new Promise((resolve) => (release = resolve));

    const answers = await Promise.all([cache.get('key-0', loader('key-0')), cache.get('key-0', loader('key-0'))]);

    expect(answers).toEqual(['key-0 v1', 'key-0 v1']);
    expect(loads).toEqual(['key-0']);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get('key-0', loader('key-0'))).toBe('key-0 v2');
    expect(loads).toEqual(['key-0']);
  });

  it('given an entry long past its TTL, when it is asked for, then the request waits for a fresh lookup', async () => {
    now = 1.25 * TTL + 1;
    version = 2;

    expect(await cache.get('key-0', loader('key-0'))).toBe('key-0 v2');
    expect(loads).toEqual(['key-0']);
  });

  it('given a background renewal that finds nothing any more, when asked again, then the old value is no longer served', async () => {
    now = TTL;
    const gone = async () => (loads.push('key-0'), null);

    expect(await cache.get('key-0', gone)).toBe('key-0 v1');
    await new Promise((resolve) => setImmediate(resolve));

    expect(await cache.get('key-0', gone)).toBeNull();
  });
});

describe('CoherentCache drops by key', () => {
  let drop: (keys?: readonly string[]) => void = () => undefined;
  const signalling = { serving: true, onInvalidate: (invalidate: typeof drop) => ((drop = invalidate), () => undefined) } as unknown as CacheCoherence;
  let loads: string[];
  const load = (value: string, until?: Promise<void>) => async () => {
    loads.push(value);
    await until;
    return value;
  };

  beforeEach(() => {
    loads = [];
  });

  it('given cached entries, when some keys are dropped, then only those are looked up again', async () => {
    const cache = new CoherentCache<string>(signalling);
    for (const key of ['a', 'b', 'c']) await cache.get(key, load(`${key}1`));
    loads = [];

    drop(['a', 'c', 'not-cached']);

    expect(await Promise.all(['a', 'b', 'c'].map((key) => cache.get(key, load(`${key}2`))))).toEqual(['a2', 'b1', 'c2']);
    expect(loads).toEqual(['a2', 'c2']);
  });

  it('given lookups under way, when one of their keys is dropped, then that answer is not stored but the others are', async () => {
    const cache = new CoherentCache<string>(signalling);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const pending = Promise.all([cache.get('a', load('a-old', held)), cache.get('b', load('b1', held))]);

    drop(['a']);
    release();
    expect(await pending).toEqual(['a-old', 'b1']);

    expect(await cache.get('a', load('a-new'))).toBe('a-new');
    expect(await cache.get('b', load('b2'))).toBe('b1');
  });

  it('given a drop of everything, when anything is asked for, then it is looked up again', async () => {
    const cache = new CoherentCache<string>(signalling);
    for (const key of ['a', 'b']) await cache.get(key, load(`${key}1`));

    drop();

    expect(await cache.get('b', load('b2'))).toBe('b2');
    expect(cache.size).toBe(1);
  });
});
