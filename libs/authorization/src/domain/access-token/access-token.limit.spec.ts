import { ACCESS_TOKENS_PER_CLIENT_AND_ACCOUNT, tokensOverLimit } from './access-token.limit';

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
