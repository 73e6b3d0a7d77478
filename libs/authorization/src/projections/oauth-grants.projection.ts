import type { EntityManager } from 'typeorm';
import type { Projection, RecordedEvent } from '@app/platform';
import { AUTHORIZATION_CODE_STREAM_CATEGORY, REFRESH_TOKEN_STREAM_CATEGORY, type AuthorizationCodeEvent, type RefreshTokenEvent } from '../domain';

const CATEGORIES = [`${AUTHORIZATION_CODE_STREAM_CATEGORY}-`, `${REFRESH_TOKEN_STREAM_CATEGORY}-`];

/**
 * Authorization codes and refresh tokens by hash, for the token endpoint; refresh token families by
 * owner and session, and the family of every access token a family issued, for revocation.
 * Replaying an applied event changes nothing: inserts skip existing keys, updates only fill blanks.
 */
export class OAuthGrantsProjection implements Projection {
  readonly name = 'oauth-grants';
  readonly version = 1;
  readonly tables = ['authorization_codes', 'refresh_token_families', 'refresh_tokens', 'refresh_family_access_tokens'];
  readonly categories = [AUTHORIZATION_CODE_STREAM_CATEGORY, REFRESH_TOKEN_STREAM_CATEGORY];

  async apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
    for (const recorded of events) {
      if (!CATEGORIES.some((category) => recorded.streamId.startsWith(category))) continue;
      const event = recorded as unknown as AuthorizationCodeEvent | RefreshTokenEvent;
      switch (event.type) {
        case 'AuthorizationCodeIssued': {
          const d = event.data;
          await tx.query(
            `INSERT INTO authorization_codes (code_hash, grant_id, client_id, account_id, organization_id, session_id, code_challenge, code_challenge_method, issued_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (code_hash) DO NOTHING`,
            [d.code_hash, d.grant_id, d.client_id, d.account_id, d.organization_id, d.session_id, d.code_challenge, d.code_challenge_method, d.issued_at, d.expires_at],
          );
          break;
        }
        case 'AuthorizationCodeRedeemed': {
          const d = event.data;
          await tx.query(
            'UPDATE authorization_codes SET redeemed_at = $2, access_token_id = $3, refresh_family_id = $4 WHERE grant_id = $1 AND redeemed_at IS NULL',
            [d.grant_id, d.redeemed_at, d.access_token_id, d.refresh_family_id],
          );
          break;
        }
        case 'AuthorizationCodeReused':
          await tx.query('UPDATE authorization_codes SET reuse_detected_at = $2 WHERE grant_id = $1 AND reuse_detected_at IS NULL', [event.data.grant_id, event.data.detected_at]);
          break;
        case 'RefreshTokenIssued': {
          const d = event.data;
          await tx.query(
            `INSERT INTO refresh_token_families (family_id, client_id, account_id, organization_id, session_id, scopes, rotates, issued_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (family_id) DO NOTHING`,
            [d.family_id, d.client_id, d.account_id, d.organization_id, d.session_id, d.scopes, d.rotates, d.issued_at],
          );
          await tx.query('INSERT INTO refresh_tokens (token_hash, family_id, issued_at) VALUES ($1, $2, $3) ON CONFLICT (token_hash) DO NOTHING', [
            d.token_hash,
            d.family_id,
            d.issued_at,
          ]);
          await tx.query('INSERT INTO refresh_family_access_tokens (access_token_id, family_id) VALUES ($1, $2) ON CONFLICT (access_token_id) DO NOTHING', [
            d.access_token_id,
            d.family_id,
          ]);
          break;
        }
        case 'RefreshTokenUsed': {
          const d = event.data;
          await tx.query('UPDATE refresh_token_families SET last_used_at = $2 WHERE family_id = $1 AND (last_used_at IS NULL OR last_used_at < $2)', [d.family_id, d.used_at]);
          await tx.query('INSERT INTO refresh_family_access_tokens (access_token_id, family_id) VALUES ($1, $2) ON CONFLICT (access_token_id) DO NOTHING', [
            d.access_token_id,
            d.family_id,
          ]);
          break;
        }
        case 'RefreshTokenRotated': {
          const d = event.data;
          await tx.query('UPDATE refresh_tokens SET retired_at = $2 WHERE token_hash = $1 AND retired_at IS NULL', [d.previous_token_hash, d.rotated_at]);
          await tx.query('INSERT INTO refresh_tokens (token_hash, family_id, issued_at) VALUES ($1, $2, $3) ON CONFLICT (token_hash) DO NOTHING', [
            d.token_hash,
            d.family_id,
            d.rotated_at,
          ]);
          break;
        }
        case 'RefreshTokenFamilyRevoked':
          await tx.query('UPDATE refresh_token_families SET revoked_at = $2, revoke_reason = $3 WHERE family_id = $1 AND revoked_at IS NULL', [
            event.data.family_id,
            event.data.revoked_at,
            event.data.reason,
          ]);
          break;
        case 'RefreshTokenReuseDetected':
          break;
      }
    }
  }
}
