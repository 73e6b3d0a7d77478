import { StreamStateCache } from './stream-state-cache';

const decider = {};
const folded = (revision: number) => ({ state: { revision }, revision });

describe('StreamStateCache', () => {
  it('drops the least recently used stream at its bound; reading a stream makes it recent', () => {
    const cache = new StreamStateCache(3);
    cache.set('a', decider, folded(0));
    cache.set('b', decider, folded(0));
    cache.set('c', decider, folded(0));
    expect(cache.get('a', decider)).toEqual(folded(0));
    cache.set('d', decider, folded(0));
    expect(cache.size).toBe(3);
    expect(cache.get('b', decider)).toBeUndefined();
    expect(['a', 'c', 'd'].map((stream) => cache.get(stream, decider)?.revision)).toEqual([0, 0, 0]);
  });

  it('answers only for the decider that folded the state, and a newer state replaces an older one', () => {
    const cache = new StreamStateCache(3);
    cache.set('a', decider, folded(0));
    expect(cache.get('a', {})).toBeUndefined();
    cache.set('a', decider, folded(4));
    expect(cache.get('a', decider)?.revision).toBe(4);
    expect(cache.size).toBe(1);
  });

  it('keeps 25,000 streams by default, far more than the 5,100 written between a token\'s issue and its revocation past the limit under the refresh load', () => {
    const cache = new StreamStateCache();
    for (let i = 0; i < 25_000; i++) cache.set(`stream-${i}`, decider, folded(i));
    expect(cache.get('stream-0', decider)?.revision).toBe(0);
    // stream-0 was just read, so one more stream pushes out the next oldest, stream-1.
    cache.set('stream-25000', decider, folded(0));
    expect(cache.size).toBe(25_000);
    expect(cache.get('stream-1', decider)).toBeUndefined();
  });
});
