import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, KeyedBatches } from '@app/platform';
import { ACCESS_TOKENS_PER_CLIENT_AND_ACCOUNT, type LiveToken, type LiveTokensByAge, type PkceMethod } from '../../domain';

export interface AuthorizationCodeRow {
  grant_id: string;
  code_challenge: string | null;
  code_challenge_method: PkceMethod | null;
}

export interface RefreshFamilyRow {
  family_id: string;
  rotates: boolean;
  /** The live access tokens the family's client holds for its account, as the per-client limit needs them. */
  live_access_tokens: LiveTokensByAge;
}

export interface LiveAccessTokenRow {
  token_id: string;
  account_id: string;
  organization_id: string;
  client_id: string | null;
  session_id: string | null;
  scopes: string[];
  expires_at: Date | string;
}

/** The family lookup's row: the oldest live tokens' ids and times as JSON arrays (both drivers hand JSON over parsed; times as PostgreSQL writes them). */
interface FamilyLookupRow {
  token_hash: string;
  family_id: string;
  rotates: boolean;
  live_count: number;
  oldest_ids: string[] | null;
  oldest_times: string[] | null;
}

function liveTokensOf(row: FamilyLookupRow): LiveTokensByAge {
  const times = row.oldest_times ?? [];
  return { count: row.live_count, oldest: (row.oldest_ids ?? []).map((token_id, i) => ({ token_id, issued_at: new Date(times[i]).toISOString() })) };
}

/**
 * What the token endpoint and revocations read (the oauth-grants and authorization projections'
 * tables). Secrets are looked up by their SHA-256 hash only. The event streams stay the judge: a
 * row only says which stream to ask.
 */
@Injectable()
export class OAuthGrantsReadModel {
  // Of the client's live tokens for the account only those one more token could push over the
  // limit are sent (once the family holds the limit's worth, one): they are counted and ordered
  // there, not each built into JSON and handed over for the service to sort. The lookup is a
  // function that keeps one plan (plan-refresh-family-lookup-once migration).
  private readonly families = new KeyedBatches<RefreshFamilyRow>(async (tokenHashes) => {
    const rows: FamilyLookupRow[] = await this.dataSource.query(
      'SELECT token_hash, family_id, rotates, live_count, oldest_ids, oldest_times FROM oauth_refresh_families_by_token_hash($1::text[], $2)',
      [tokenHashes, ACCESS_TOKENS_PER_CLIENT_AND_ACCOUNT],
    );
    return new Map(rows.map((row) => [row.token_hash, { family_id: row.family_id, rotates: row.rotates, live_access_tokens: liveTokensOf(row) }]));
  });

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async codeByHash(codeHash: string): Promise<AuthorizationCodeRow | undefined> {
    const rows: AuthorizationCodeRow[] = await this.dataSource.query(
      'SELECT grant_id, code_challenge, code_challenge_method FROM authorization_codes WHERE code_hash = $1',
      [codeHash],
    );
    return rows[0];
  }

  /**
   * The family a refresh token belongs or belonged to (rotated-away hashes included), with what
   * using it will need next: its client's live access tokens for its account, in the same round
   * trip. The hashes concurrent token requests ask for are looked up together.
   */
  familyByTokenHash(tokenHash: string): Promise<RefreshFamilyRow | undefined> {
    return this.families.get(tokenHash);
  }

  /** A live (unrevoked, unexpired) access token by hash. */
  async liveAccessToken(tokenHash: string): Promise<LiveAccessTokenRow | undefined> {
    const rows: LiveAccessTokenRow[] = await this.dataSource.query(
      `SELECT token_id, account_id, organization_id, client_id, session_id, scopes, expires_at FROM access_tokens
       WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()`,
      [tokenHash],
    );
    return rows[0];
  }

  /** The unrevoked family an access token was issued by, if any. */
  async liveFamilyOfAccessToken(accessTokenId: string): Promise<string | undefined> {
    const rows: { family_id: string }[] = await this.dataSource.query(
      `SELECT a.family_id FROM refresh_family_access_tokens a JOIN refresh_token_families f ON f.family_id = a.family_id
       WHERE a.access_token_id = $1 AND f.revoked_at IS NULL`,
      [accessTokenId],
    );
    return rows[0]?.family_id;
  }

  async liveAccessTokensOfSession(sessionId: string): Promise<string[]> {
    const rows: { token_id: string }[] = await this.dataSource.query('SELECT token_id FROM access_tokens WHERE session_id = $1 AND revoked_at IS NULL', [sessionId]);
    return rows.map((row) => row.token_id);
  }

  async liveFamiliesOfSession(sessionId: string): Promise<string[]> {
    const rows: { family_id: string }[] = await this.dataSource.query('SELECT family_id FROM refresh_token_families WHERE session_id = $1 AND revoked_at IS NULL', [
      sessionId,
    ]);
    return rows.map((row) => row.family_id);
  }

  /** One client's live access tokens for one account, for the per-client limit. */
  async liveAccessTokensOf(clientId: string, accountId: string): Promise<LiveToken[]> {
    const rows: { token_id: string; issued_at: Date | string }[] = await this.dataSource.query(
      'SELECT token_id, issued_at FROM access_tokens WHERE client_id = $1 AND account_id = $2 AND revoked_at IS NULL AND expires_at > now()',
      [clientId, accountId],
    );
    return rows.map((row) => ({ token_id: row.token_id, issued_at: new Date(row.issued_at).toISOString() }));
  }

  /** One client's live refresh token families for one account (as LiveTokens named by family id). */
  async liveFamiliesOf(clientId: string, accountId: string): Promise<LiveToken[]> {
    const rows: { family_id: string; issued_at: Date | string }[] = await this.dataSource.query(
      'SELECT family_id, issued_at FROM refresh_token_families WHERE client_id = $1 AND account_id = $2 AND revoked_at IS NULL',
      [clientId, accountId],
    );
    return rows.map((row) => ({ token_id: row.family_id, issued_at: new Date(row.issued_at).toISOString() }));
  }

  /**
   * When the authorize endpoint last sent an account to a client with a grant: codes issued and
   * implicit tokens (tokens not obtained by redeeming a code or a refresh token), since `since`.
   */
  async authorizeGrantTimes(clientId: string, accountId: string, since: Date): Promise<number[]> {
    const rows: { issued_at: Date | string }[] = await this.dataSource.query(
      `SELECT issued_at FROM authorization_codes WHERE client_id = $1 AND account_id = $2 AND issued_at > $3
       UNION ALL
       SELECT t.issued_at FROM access_tokens t WHERE t.client_id = $1 AND t.account_id = $2 AND t.issued_at > $3
         AND NOT EXISTS (SELECT 1 FROM authorization_codes c WHERE c.access_token_id = t.token_id)
         AND NOT EXISTS (SELECT 1 FROM refresh_family_access_tokens r WHERE r.access_token_id = t.token_id)`,
      [clientId, accountId, since],
    );
    return rows.map((row) => new Date(row.issued_at).getTime());
  }
}
