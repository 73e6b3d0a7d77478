/** compat.md "Tokens": at most 25 access tokens per client per account; the oldest is revoked. */
export const ACCESS_TOKENS_PER_CLIENT_AND_ACCOUNT = 25;

export interface LiveToken {
  readonly token_id: string;
  readonly issued_at: string;
}

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
