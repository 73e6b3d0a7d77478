import { REVOCATION_REASONS } from '../../access-token/revocation-reason';

/**
 * Why a refresh token family ended: the access token reasons (the holder revoked it, the password
 * changed, the session was removed, ...), plus
 * - `reuse_detected`: a rotated-away token of the family was presented again;
 * - `code_reused`: the authorization code the family came from was presented again.
 */
export const REFRESH_FAMILY_REVOCATION_REASONS = [...REVOCATION_REASONS, 'reuse_detected', 'code_reused'] as const;

export type RefreshFamilyRevocationReason = (typeof REFRESH_FAMILY_REVOCATION_REASONS)[number];

export function isRefreshFamilyRevocationReason(value: string): value is RefreshFamilyRevocationReason {
  return (REFRESH_FAMILY_REVOCATION_REASONS as readonly string[]).includes(value);
}
