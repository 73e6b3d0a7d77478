import { StreamStateCache } from './stream-state-cache';

const decider = {};
const folded = (revision: number) => ({ state: { revision }, revision });

describe('StreamStateCache', () => {
  it('keeps a stream while fewer than half its bound of other streams have been used after it, and never more streams than the bound', () => {
    for (let written = 1; written <= 60; written++) {
      const cache = new StreamStateCache(10);
      for (let i = 0; i < written; i++) {
        cache.set(`s${i}`, decider, folded(i));
        expect(cache.size).toBeLessThanOrEqual(10);
      }
      // The last five streams: each has at most four others after it.
      const lastFive = Array.from({ length: Math.min(5, written) }, (_, k) => written - 1 - k);
      expect(lastFive.map((i) => cache.get(`s${i}`, decider)?.revision)).toEqual(lastFive);
    }
    const cache = new StreamStateCache(10);
    for (let i = 0; i < 30; i++) cache.set(`s${i}`, decider, folded(i));
    expect(cache.get('s0', decider)).toBeUndefined();
  });

  it('a stream read again is kept however many other streams are written', () => {
    const cache = new StreamStateCache(10);
    cache.set('hot', decider, folded(7));
    for (let i = 0; i < 1_000; i++) {
      cache.set(`other${i}`, decider, folded(i));
      if (i % 4 === 0) expect(cache.get('hot', decider)?.revision).toBe(7);
    }
    expect(cache.get('other0', decider)).toBeUndefined();
  });

  it('answers only for the decider that folded the state, and a newer state replaces an older one', () => {
    const cache = new StreamStateCache(3);
    cache.set('a', decider, folded(0));
    expect(cache.get('a', {})).toBeUndefined();
    cache.set('a', decider, folded(4));
    expect(cache.get('a', decider)?.revision).toBe(4);
    expect(cache.size).toBe(1);
    // Replaced in the older generation too: a stream is held once.
    const generations = new StreamStateCache(10);
    for (const stream of ['a', 'b', 'c', 'd', 'e']) generations.set(stream, decider, folded(0));
    generations.set('a', decider, folded(1));
    expect(generations.size).toBe(5);
    expect(generations.get('a', decider)?.revision).toBe(1);
  });

  it("keeps a state past 12,499 other streams by default, far more than the 5,100 written between a token's issue and its revocation past the limit under the refresh load", () => {
    const cache = new StreamStateCache();
    cache.set('issued', decider, folded(1));
    for (let i = 0; i < 12_499; i++) cache.set(`stream-${i}`, decider, folded(i));
    expect(cache.get('issued', decider)?.revision).toBe(1);
    for (let i = 12_499; i < 60_000; i++) cache.set(`stream-${i}`, decider, folded(i));
    expect(cache.size).toBeLessThanOrEqual(25_000);
  });
});
