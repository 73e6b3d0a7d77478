/** compat.md "Tokens": at most 25 access tokens per client per account; the oldest is revoked. */
export const ACCESS_TOKENS_PER_CLIENT_AND_ACCOUNT = 25;

export interface LiveToken {
  readonly token_id: string;
  readonly issued_at: string;
}

/**
 * One client's live tokens for one account, as far as a limit needs them: how many there are, and
 * the oldest of them, in any order. Every token that one more could push over the limit
 * (the oldest `count - limit + 1`) must be there; the younger ones need not be read at all.
 */
export interface LiveTokensByAge {
  readonly count: number;
  readonly oldest: readonly LiveToken[];
}

/** Every live token, when all of them were read. */
export const allLiveTokens = (tokens: readonly LiveToken[]): LiveTokensByAge => ({ count: tokens.length, oldest: tokens });

/**
 * Which of one client's and one account's live tokens (the new one included) to revoke with reason
 * `limit` so that at most `limit` remain: the oldest first, ties broken by id so that every process
 * picks the same ones.
 */
export function tokensOverLimit(live: readonly LiveToken[], limit = ACCESS_TOKENS_PER_CLIENT_AND_ACCOUNT): string[] {
  if (live.length <= limit) return [];
  // Each time parsed once, not at every comparison of the sort.
  const oldestFirst = live
    .map((token) => ({ id: token.token_id, at: Date.parse(token.issued_at) }))
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return oldestFirst.slice(0, live.length - limit).map((token) => token.id);
}

/**
 * What `tokensOverLimit` picks from every live token and `newest`, read from the oldest ones only.
 * `live` may already count `newest` (a read made after it was issued); it is counted once.
 */
export function tokensOverLimitWith(live: LiveTokensByAge, newest: LiveToken, limit = ACCESS_TOKENS_PER_CLIENT_AND_ACCOUNT): string[] {
  const known = live.oldest.filter((token) => token.token_id !== newest.token_id);
  const others = live.count - (live.oldest.length - known.length);
  const excess = others + 1 - limit;
  if (excess <= 0) return [];
  // The `excess` oldest of all the tokens are among the `excess` oldest others and the new one.
  if (known.length < excess) throw new Error(`The ${excess} oldest live tokens are needed to apply the limit; ${known.length} were read.`);
  return tokensOverLimit([...known, newest], known.length + 1 - excess);
}
