import { ACCESS_TOKENS_PER_CLIENT_AND_ACCOUNT, allLiveTokens, tokensOverLimit, tokensOverLimitWith } from './access-token.limit';

const token = (id: string, minute: number) => ({ token_id: id, issued_at: `2026-03-01T08:${String(minute).padStart(2, '0')}:00.000Z` });

describe('tokensOverLimit', () => {
  it('allows 25 tokens per client and account', () => {
    expect(ACCESS_TOKENS_PER_CLIENT_AND_ACCOUNT).toBe(25);
    const live = Array.from({ length: 25 }, (_, i) => token(`t${i}`, i));
    expect(tokensOverLimit(live)).toEqual([]);
    expect(tokensOverLimit([...live, token('t25', 25)])).toEqual(['t0']);
  });

  it('picks the oldest, whatever order they come in', () => {
    expect(tokensOverLimit([token('c', 3), token('a', 1), token('d', 4), token('b', 2)], 2)).toEqual(['a', 'b']);
  });

  it('breaks ties by id so every process picks the same', () => {
    expect(tokensOverLimit([token('y', 1), token('x', 1), token('z', 2)], 1)).toEqual(['x', 'y']);
  });

  it('compares times, not texts', () => {
    const early = { token_id: 'early', issued_at: '2026-03-01T08:00:00Z' };
    const late = { token_id: 'late', issued_at: '2026-03-01T08:00:00.500Z' };
    expect(tokensOverLimit([late, early], 1)).toEqual(['early']);
  });

  it('revokes nothing from an empty list', () => {
    expect(tokensOverLimit([], 0)).toEqual([]);
  });
});

describe('tokensOverLimitWith', () => {
  const live = Array.from({ length: 30 }, (_, i) => token(`t${String(i).padStart(2, '0')}`, i));
  const newest = token('new', 59);

  it('picks from the oldest tokens what it would pick from all of them', () => {
    for (const count of [24, 25, 26, 30]) {
      const all = live.slice(0, count);
      const expected = tokensOverLimit([...all, newest]);
      const excess = Math.max(count + 1 - ACCESS_TOKENS_PER_CLIENT_AND_ACCOUNT, 0);
      // The oldest `excess` only, and in any order.
      expect(tokensOverLimitWith({ count, oldest: all.slice(0, excess).reverse() }, newest)).toEqual(expected);
      expect(tokensOverLimitWith(allLiveTokens(all), newest)).toEqual(expected);
    }
    expect(tokensOverLimitWith({ count: 30, oldest: live.slice(0, 6) }, newest)).toEqual(['t00', 't01', 't02', 't03', 't04', 't05']);
  });

  it('revokes the new token itself when it is not the youngest', () => {
    const early = token('early', 0);
    expect(tokensOverLimitWith({ count: 2, oldest: [token('b', 2)] }, early, 2)).toEqual(['early']);
  });

  it('counts the new token once when the read already saw it', () => {
    const all = live.slice(0, 25);
    expect(tokensOverLimitWith(allLiveTokens([...all, newest]), newest)).toEqual(['t00']);
    expect(tokensOverLimitWith(allLiveTokens([...all.slice(0, 24), newest]), newest)).toEqual([]);
  });

  it('refuses to guess when the oldest tokens it needs were not read', () => {
    expect(() => tokensOverLimitWith({ count: 30, oldest: live.slice(0, 5) }, newest)).toThrow('The 6 oldest live tokens are needed');
  });
});
