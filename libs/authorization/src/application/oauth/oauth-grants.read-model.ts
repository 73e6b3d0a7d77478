import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, KeyedBatches } from '@app/platform';
import type { LiveToken, PkceMethod } from '../../domain';

export interface AuthorizationCodeRow {
  grant_id: string;
  code_challenge: string | null;
  code_challenge_method: PkceMethod | null;
}

export interface RefreshFamilyRow {
  family_id: string;
  rotates: boolean;
  /** The live access tokens the family's client holds for its account, for the per-client limit. */
  live_access_tokens: LiveToken[];
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

/** A json_agg of {token_id, issued_at} (both drivers hand JSON over parsed; times as PostgreSQL writes them). */
type LiveTokensJson = { token_id: string; issued_at: string }[];

function liveTokensOf(json: LiveTokensJson): LiveToken[] {
  return json.map((token) => ({ token_id: token.token_id, issued_at: new Date(token.issued_at).toISOString() }));
}

/**
 * What the token endpoint and revocations read (the oauth-grants and authorization projections'
 * tables). Secrets are looked up by their SHA-256 hash only. The event streams stay the judge: a
 * row only says which stream to ask.
 */
@Injectable()
export class OAuthGrantsReadModel {
  private readonly families = new KeyedBatches<RefreshFamilyRow>(async (tokenHashes) => {
    const rows: { token_hash: string; family_id: string; rotates: boolean; live_access_tokens: LiveTokensJson }[] = await this.dataSource.query(
      `SELECT t.token_hash, f.family_id, f.rotates, coalesce((
         SELECT json_agg(json_build_object('token_id', a.token_id, 'issued_at', a.issued_at)) FROM access_tokens a
         WHERE a.client_id = f.client_id AND a.account_id = f.account_id AND a.revoked_at IS NULL AND a.expires_at > now()), '[]') AS live_access_tokens
       FROM refresh_tokens t JOIN refresh_token_families f ON f.family_id = t.family_id WHERE t.token_hash = ANY($1::text[])`,
      [tokenHashes],
    );
    return new Map(rows.map(({ token_hash, live_access_tokens, ...row }) => [token_hash, { ...row, live_access_tokens: liveTokensOf(live_access_tokens) }]));
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
