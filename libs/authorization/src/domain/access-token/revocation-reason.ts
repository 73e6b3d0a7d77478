/**
 * Why an access token stopped working. Recorded so support can explain a sudden sign-out and so
 * reactors can be told apart in the log:
 * - `revoked`: the holder or an administrator revoked it (DELETE /v2/token, admin CLI);
 * - `password_changed`, `account_deleted`, `role_deleted`, `session_removed`, `client_deleted`:
 *   a reactor followed that event elsewhere;
 * - `limit`: the oldest token of a client and account beyond the per-client limit.
 */
export const REVOCATION_REASONS = ['revoked', 'password_changed', 'account_deleted', 'role_deleted', 'session_removed', 'client_deleted', 'limit'] as const;

export type RevocationReason = (typeof REVOCATION_REASONS)[number];

export function isRevocationReason(value: string): value is RevocationReason {
  return (REVOCATION_REASONS as readonly string[]).includes(value);
}
