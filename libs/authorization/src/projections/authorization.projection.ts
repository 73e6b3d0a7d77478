import type { EntityManager } from 'typeorm';
import type { Projection, RecordedEvent } from '@app/platform';
import { ACCESS_TOKEN_STREAM_CATEGORY, CUSTOM_ROLE_STREAM_CATEGORY, PERSONAL_ACCESS_TOKEN_STREAM_CATEGORY } from '../domain';
import type { AccessTokenIssued, AccessTokenRevoked, CustomRoleCreated, CustomRoleDeleted, PersonalAccessTokenCreated, PersonalAccessTokenRevoked } from '../domain';

type AuthorizationEvent = AccessTokenIssued | AccessTokenRevoked | PersonalAccessTokenCreated | PersonalAccessTokenRevoked | CustomRoleCreated | CustomRoleDeleted;

/** Access tokens and PATs by hash (the credential check reads these), and custom roles. */
export class AuthorizationProjection implements Projection {
  readonly name = 'authorization';
  readonly version = 1;
  readonly tables = ['access_tokens', 'personal_access_tokens', 'custom_roles'];
  readonly categories = [ACCESS_TOKEN_STREAM_CATEGORY, PERSONAL_ACCESS_TOKEN_STREAM_CATEGORY, CUSTOM_ROLE_STREAM_CATEGORY];

  async apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
    for (const event of events as unknown as AuthorizationEvent[]) {
      switch (event.type) {
        case 'AccessTokenIssued': {
          const d = event.data;
          await tx.query(
            `INSERT INTO access_tokens (token_id, token_hash, account_id, organization_id, scopes, client_id, session_id, issued_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (token_id) DO NOTHING`,
            [d.token_id, d.token_hash, d.account_id, d.organization_id, d.scopes, d.client_id, d.session_id, d.issued_at, d.expires_at],
          );
          break;
        }
        case 'AccessTokenRevoked':
          await tx.query('UPDATE access_tokens SET revoked_at = $2, revoke_reason = $3 WHERE token_id = $1 AND revoked_at IS NULL', [
            event.data.token_id,
            event.data.revoked_at,
            event.data.reason,
          ]);
          break;
        case 'PersonalAccessTokenCreated': {
          const d = event.data;
          await tx.query(
            `INSERT INTO personal_access_tokens (pat_id, token_hash, account_id, organization_id, name, scopes, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (pat_id) DO NOTHING`,
            [d.pat_id, d.token_hash, d.account_id, d.organization_id, d.name, d.scopes, d.created_at],
          );
          break;
        }
        case 'PersonalAccessTokenRevoked':
          await tx.query('UPDATE personal_access_tokens SET revoked_at = $2 WHERE pat_id = $1 AND revoked_at IS NULL', [event.data.pat_id, event.data.revoked_at]);
          break;
        case 'CustomRoleCreated': {
          const d = event.data;
          await tx.query(
            `INSERT INTO custom_roles (role_id, organization_id, role, product, scopes, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (role_id) DO NOTHING`,
            [d.role_id, d.organization_id, d.role, d.product, d.scopes, d.created_at],
          );
          break;
        }
        case 'CustomRoleDeleted':
          await tx.query('DELETE FROM custom_roles WHERE role_id = $1', [event.data.role_id]);
          break;
      }
    }
  }
}
