import type { RevocationReason } from '../access-token/revocation-reason';

/**
 * The access token reasons that can apply to a PAT. A PAT belongs to no session or OAuth client and
 * has no per-client limit, so `session_removed`, `client_deleted` and `limit` never end one.
 */
export const PAT_REVOCATION_REASONS = ['revoked', 'password_changed', 'account_deleted', 'role_deleted'] as const satisfies readonly RevocationReason[];

export type PatRevocationReason = (typeof PAT_REVOCATION_REASONS)[number];

export function isPatRevocationReason(value: string): value is PatRevocationReason {
  return (PAT_REVOCATION_REASONS as readonly string[]).includes(value);
}
