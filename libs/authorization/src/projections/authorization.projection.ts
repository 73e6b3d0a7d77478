import type { EntityManager } from 'typeorm';
import { RowBuffer, type BufferedTable, type Projection, type RecordedEvent, type SqlRunner } from '@app/platform';
import { ACCESS_TOKEN_STREAM_CATEGORY, CUSTOM_ROLE_STREAM_CATEGORY, PERSONAL_ACCESS_TOKEN_STREAM_CATEGORY } from '../domain';
import type { AccessTokenIssued, AccessTokenRevoked, CustomRoleCreated, CustomRoleDeleted, PersonalAccessTokenCreated, PersonalAccessTokenRevoked } from '../domain';

type AuthorizationEvent = AccessTokenIssued | AccessTokenRevoked | PersonalAccessTokenCreated | PersonalAccessTokenRevoked | CustomRoleCreated | CustomRoleDeleted;

const ACCESS_TOKENS: BufferedTable = {
  table: 'access_tokens',
  columns: { token_id: 'uuid', token_hash: 'text', account_id: 'uuid', organization_id: 'uuid', scopes: 'text[]', client_id: 'text', session_id: 'uuid', issued_at: 'timestamptz', expires_at: 'timestamptz' },
  key: ['token_id'],
};

const PERSONAL_ACCESS_TOKENS: BufferedTable = {
  table: 'personal_access_tokens',
  columns: { pat_id: 'uuid', token_hash: 'text', account_id: 'uuid', organization_id: 'uuid', name: 'text', scopes: 'text[]', created_at: 'timestamptz' },
  key: ['pat_id'],
};

const CUSTOM_ROLES: BufferedTable = {
  table: 'custom_roles',
  columns: { role_id: 'uuid', organization_id: 'uuid', role: 'text', product: 'text', scopes: 'text[]', created_at: 'timestamptz' },
  key: ['role_id'],
};

/**
 * Access tokens and PATs by hash (the credential check reads these), and custom roles. What is
 * issued or created is written per batch (RowBuffer); revocations and deletions per event.
 */
export class AuthorizationProjection implements Projection {
  readonly name = 'authorization';
  readonly version = 1;
  readonly tables = ['access_tokens', 'personal_access_tokens', 'custom_roles'];
  readonly categories = [ACCESS_TOKEN_STREAM_CATEGORY, PERSONAL_ACCESS_TOKEN_STREAM_CATEGORY, CUSTOM_ROLE_STREAM_CATEGORY];

  async apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
    const rows = new RowBuffer([ACCESS_TOKENS, PERSONAL_ACCESS_TOKENS, CUSTOM_ROLES]);
    const sql = tx as unknown as SqlRunner;
    for (const event of events as unknown as AuthorizationEvent[]) {
      switch (event.type) {
        case 'AccessTokenIssued': {
          const d = event.data;
          rows.add(ACCESS_TOKENS, {
            token_id: d.token_id,
            token_hash: d.token_hash,
            account_id: d.account_id,
            organization_id: d.organization_id,
            scopes: d.scopes,
            client_id: d.client_id,
            session_id: d.session_id,
            issued_at: d.issued_at,
            expires_at: d.expires_at,
          });
          break;
        }
        case 'PersonalAccessTokenCreated': {
          const d = event.data;
          rows.add(PERSONAL_ACCESS_TOKENS, { pat_id: d.pat_id, token_hash: d.token_hash, account_id: d.account_id, organization_id: d.organization_id, name: d.name, scopes: d.scopes, created_at: d.created_at });
          break;
        }
        case 'CustomRoleCreated': {
          const d = event.data;
          rows.add(CUSTOM_ROLES, { role_id: d.role_id, organization_id: d.organization_id, role: d.role, product: d.product, scopes: d.scopes, created_at: d.created_at });
          break;
        }
        case 'AccessTokenRevoked':
        case 'PersonalAccessTokenRevoked':
        case 'CustomRoleDeleted':
          await rows.flush(sql);
          await this.applyChange(event, tx);
          break;
      }
    }
    await rows.flush(sql);
  }

  private async applyChange(event: AccessTokenRevoked | PersonalAccessTokenRevoked | CustomRoleDeleted, tx: EntityManager): Promise<void> {
    switch (event.type) {
      case 'AccessTokenRevoked':
        await tx.query('UPDATE access_tokens SET revoked_at = $2, revoke_reason = $3 WHERE token_id = $1 AND revoked_at IS NULL', [
          event.data.token_id,
          event.data.revoked_at,
          event.data.reason,
        ]);
        return;
      case 'PersonalAccessTokenRevoked':
        await tx.query('UPDATE personal_access_tokens SET revoked_at = $2 WHERE pat_id = $1 AND revoked_at IS NULL', [event.data.pat_id, event.data.revoked_at]);
        return;
      case 'CustomRoleDeleted':
        await tx.query('DELETE FROM custom_roles WHERE role_id = $1', [event.data.role_id]);
        return;
    }
  }
}
