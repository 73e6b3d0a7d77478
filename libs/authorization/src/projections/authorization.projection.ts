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

// Arrays, not a JSON record set: the planner sizes `unnest` by the array and looks the rows up by
// key, where it guesses a record set at 100 rows and scans the whole table.
export const REVOKE_ACCESS_TOKENS = `UPDATE access_tokens t SET revoked_at = r.revoked_at, revoke_reason = r.reason
  FROM unnest($1::uuid[], $2::timestamptz[], $3::text[]) AS r(token_id, revoked_at, reason)
  WHERE t.token_id = r.token_id AND t.revoked_at IS NULL`;
export const REVOKE_PATS = `UPDATE personal_access_tokens p SET revoked_at = r.revoked_at
  FROM unnest($1::uuid[], $2::timestamptz[]) AS r(pat_id, revoked_at)
  WHERE p.pat_id = r.pat_id AND p.revoked_at IS NULL`;

/**
 * Access tokens and PATs by hash (the credential check reads these), and custom roles. A batch
 * writes what was issued or created first (RowBuffer), then its revocations and deletions, one
 * statement per kind: a revocation never precedes its token's issue in the log, so this order
 * gives the rows applying the events one by one gives, and a batch that revokes many tokens
 * bumps the cache-change counter once, not once per token.
 */
export class AuthorizationProjection implements Projection {
  readonly name = 'authorization';
  readonly version = 1;
  readonly tables = ['access_tokens', 'personal_access_tokens', 'custom_roles'];
  readonly categories = [ACCESS_TOKEN_STREAM_CATEGORY, PERSONAL_ACCESS_TOKEN_STREAM_CATEGORY, CUSTOM_ROLE_STREAM_CATEGORY];

  async apply(events: readonly RecordedEvent[], tx: SqlRunner): Promise<void> {
    const rows = new RowBuffer([ACCESS_TOKENS, PERSONAL_ACCESS_TOKENS, CUSTOM_ROLES]);
    // The first revocation of a token stands (a later one changes nothing, as `revoked_at IS NULL` says).
    const revokedTokens = new Map<string, { token_id: string; revoked_at: string; reason: string }>();
    const revokedPats = new Map<string, { pat_id: string; revoked_at: string }>();
    const deletedRoles = new Set<string>();
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
          if (!revokedTokens.has(event.data.token_id)) revokedTokens.set(event.data.token_id, { token_id: event.data.token_id, revoked_at: event.data.revoked_at, reason: event.data.reason });
          break;
        case 'PersonalAccessTokenRevoked':
          if (!revokedPats.has(event.data.pat_id)) revokedPats.set(event.data.pat_id, { pat_id: event.data.pat_id, revoked_at: event.data.revoked_at });
          break;
        case 'CustomRoleDeleted':
          deletedRoles.add(event.data.role_id);
          break;
      }
    }
    await rows.flush(tx);
    if (revokedTokens.size) {
      const revocations = [...revokedTokens.values()];
      await tx.query(REVOKE_ACCESS_TOKENS, [revocations.map((r) => r.token_id), revocations.map((r) => r.revoked_at), revocations.map((r) => r.reason)]);
    }
    if (revokedPats.size) {
      const revocations = [...revokedPats.values()];
      await tx.query(REVOKE_PATS, [revocations.map((r) => r.pat_id), revocations.map((r) => r.revoked_at)]);
    }
    if (deletedRoles.size) await tx.query('DELETE FROM custom_roles WHERE role_id = ANY($1::uuid[])', [[...deletedRoles]]);
  }
}
