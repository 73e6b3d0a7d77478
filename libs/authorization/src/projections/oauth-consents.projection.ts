import type { Projection, RecordedEvent, SqlRunner } from '@app/platform';
import { OAUTH_CLIENT_STREAM_CATEGORY, OAUTH_CONSENT_STREAM_CATEGORY, type OAuthClientEvent, type OAuthConsentEvent } from '../domain';

/** What each account allowed each client: the authorize endpoint skips consent it already has. */
export class OAuthConsentsProjection implements Projection {
  readonly name = 'oauth-consents';
  readonly version = 1;
  readonly tables = ['oauth_consents'];
  readonly categories = [OAUTH_CONSENT_STREAM_CATEGORY, OAUTH_CLIENT_STREAM_CATEGORY];

  async apply(events: readonly RecordedEvent[], tx: SqlRunner): Promise<void> {
    for (const recorded of events) {
      if (recorded.streamId.startsWith(`${OAUTH_CONSENT_STREAM_CATEGORY}-`)) {
        const { data } = recorded as unknown as OAuthConsentEvent;
        await tx.query(
          `INSERT INTO oauth_consents (account_id, client_id, scopes, granted_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (account_id, client_id) DO UPDATE SET scopes = EXCLUDED.scopes, granted_at = EXCLUDED.granted_at`,
          [data.account_id, data.client_id, data.scopes, data.granted_at],
        );
      } else if (recorded.streamId.startsWith(`${OAUTH_CLIENT_STREAM_CATEGORY}-`) && recorded.type === 'OAuthClientDeleted') {
        // A client deleted and its id never reused: what was allowed to it goes with it.
        await tx.query('DELETE FROM oauth_consents WHERE client_id = $1', [(recorded as unknown as OAuthClientEvent).data.client_id]);
      }
    }
  }
}
