import { RowBuffer, type BufferedTable, type Projection, type RecordedEvent, type SqlRunner } from '@app/platform';
import { AUTHORIZATION_CODE_STREAM_CATEGORY, REFRESH_TOKEN_STREAM_CATEGORY, type AuthorizationCodeEvent, type RefreshTokenEvent } from '../domain';

const CATEGORIES = [`${AUTHORIZATION_CODE_STREAM_CATEGORY}-`, `${REFRESH_TOKEN_STREAM_CATEGORY}-`];

const CODES: BufferedTable = {
  table: 'authorization_codes',
  columns: {
    code_hash: 'text',
    grant_id: 'uuid',
    client_id: 'text',
    account_id: 'uuid',
    organization_id: 'uuid',
    session_id: 'uuid',
    code_challenge: 'text',
    code_challenge_method: 'text',
    issued_at: 'timestamptz',
    expires_at: 'timestamptz',
  },
  key: ['code_hash'],
};

const FAMILIES: BufferedTable = {
  table: 'refresh_token_families',
  columns: { family_id: 'uuid', client_id: 'text', account_id: 'uuid', organization_id: 'uuid', session_id: 'uuid', scopes: 'text[]', rotates: 'boolean', issued_at: 'timestamptz' },
  key: ['family_id'],
};

const REFRESH_TOKENS: BufferedTable = {
  table: 'refresh_tokens',
  columns: { token_hash: 'text', family_id: 'uuid', issued_at: 'timestamptz' },
  key: ['token_hash'],
};

const FAMILY_ACCESS_TOKENS: BufferedTable = {
  table: 'refresh_family_access_tokens',
  columns: { access_token_id: 'uuid', family_id: 'uuid' },
  key: ['access_token_id'],
};

/**
 * Families' last use, the latest per family of a batch, in one statement. Arrays, not a JSON
 * record set: the planner sizes `unnest` by the array and looks the families up by key, where it
 * guesses a record set at 100 rows and scans the whole table.
 */
const LAST_USED = `UPDATE refresh_token_families f SET last_used_at = u.used_at
  FROM unnest($1::uuid[], $2::timestamptz[]) AS u(family_id, used_at)
  WHERE f.family_id = u.family_id AND (f.last_used_at IS NULL OR f.last_used_at < u.used_at)`;

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

  /** Issues and uses, the bulk of the events, are written per batch; the other changes per event, after what came before them. */
  async apply(events: readonly RecordedEvent[], tx: SqlRunner): Promise<void> {
    const sql = tx as unknown as SqlRunner;
    const rows = new RowBuffer([CODES, FAMILIES, REFRESH_TOKENS, FAMILY_ACCESS_TOKENS]);
    const lastUsed = new Map<string, string>();
    const flush = async () => {
      await rows.flush(sql);
      if (lastUsed.size === 0) return;
      await sql.query(LAST_USED, [[...lastUsed.keys()], [...lastUsed.values()]]);
      lastUsed.clear();
    };
    for (const recorded of events) {
      if (!CATEGORIES.some((category) => recorded.streamId.startsWith(category))) continue;
      const event = recorded as unknown as AuthorizationCodeEvent | RefreshTokenEvent;
      switch (event.type) {
        case 'AuthorizationCodeIssued': {
          const d = event.data;
          rows.add(CODES, {
            code_hash: d.code_hash,
            grant_id: d.grant_id,
            client_id: d.client_id,
            account_id: d.account_id,
            organization_id: d.organization_id,
            session_id: d.session_id,
            code_challenge: d.code_challenge,
            code_challenge_method: d.code_challenge_method,
            issued_at: d.issued_at,
            expires_at: d.expires_at,
          });
          break;
        }
        case 'RefreshTokenIssued': {
          const d = event.data;
          rows.add(FAMILIES, {
            family_id: d.family_id,
            client_id: d.client_id,
            account_id: d.account_id,
            organization_id: d.organization_id,
            session_id: d.session_id,
            scopes: d.scopes,
            rotates: d.rotates,
            issued_at: d.issued_at,
          });
          rows.add(REFRESH_TOKENS, { token_hash: d.token_hash, family_id: d.family_id, issued_at: d.issued_at });
          rows.add(FAMILY_ACCESS_TOKENS, { access_token_id: d.access_token_id, family_id: d.family_id });
          break;
        }
        case 'RefreshTokenUsed': {
          const d = event.data;
          const previous = lastUsed.get(d.family_id);
          if (!previous || previous < d.used_at) lastUsed.set(d.family_id, d.used_at);
          rows.add(FAMILY_ACCESS_TOKENS, { access_token_id: d.access_token_id, family_id: d.family_id });
          break;
        }
        default:
          await flush();
          await this.applyChange(event, tx);
      }
    }
    await flush();
  }

  private async applyChange(event: AuthorizationCodeEvent | RefreshTokenEvent, tx: SqlRunner): Promise<void> {
    switch (event.type) {
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
