import type { Projection, RecordedEvent, SqlRunner } from '@app/platform';
import { OAUTH_CLIENT_STREAM_CATEGORY, type OAuthClientEvent } from '../domain';

/** OAuth clients by id: what the authorize and token endpoints check requests against. */
export class OAuthClientsProjection implements Projection {
  readonly name = 'oauth-clients';
  readonly version = 1;
  readonly tables = ['oauth_clients'];
  readonly categories = [OAUTH_CLIENT_STREAM_CATEGORY];

  async apply(events: readonly RecordedEvent[], tx: SqlRunner): Promise<void> {
    for (const recorded of events) {
      if (!recorded.streamId.startsWith(`${OAUTH_CLIENT_STREAM_CATEGORY}-`)) continue;
      const event = recorded as unknown as OAuthClientEvent;
      switch (event.type) {
        case 'OAuthClientRegistered': {
          const d = event.data;
          await tx.query(
            `INSERT INTO oauth_clients (client_id, organization_id, name, type, kind, visibility, redirect_uris, scopes, secret_hash, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) ON CONFLICT (client_id) DO NOTHING`,
            [d.client_id, d.organization_id, d.name, d.type, d.kind, d.visibility, d.redirect_uris, d.scopes, d.secret_hash, d.registered_at],
          );
          break;
        }
        case 'OAuthClientUpdated': {
          const { client_id, changes, updated_at } = event.data;
          await tx.query(
            `UPDATE oauth_clients SET name = COALESCE($2, name), redirect_uris = COALESCE($3, redirect_uris), scopes = COALESCE($4, scopes), updated_at = $5
             WHERE client_id = $1`,
            [client_id, changes.name ?? null, changes.redirect_uris ?? null, changes.scopes ?? null, updated_at],
          );
          break;
        }
        case 'OAuthClientDeleted':
          await tx.query('DELETE FROM oauth_clients WHERE client_id = $1', [event.data.client_id]);
          break;
      }
    }
  }
}
