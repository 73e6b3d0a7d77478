import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { GetMembershipQuery } from '@app/organizations/contracts';
import { CACHE_COHERENCE, CoherentCache, DATA_SOURCE, KeyedBatches, recordCredentialCacheLookup, type CacheCoherence } from '@app/platform';
import { ScopesOfRolesQuery } from '../contracts/authorization.queries';
import type { Credential } from '../contracts/credential';
import { narrowScopes } from '../domain';
import { hashSecret } from './secret-tokens';

interface CredentialRow {
  id: string;
  account_id: string;
  organization_id: string;
  scopes: string[];
  client_id: string | null;
  session_id: string | null;
  expires_at: Date | string | null;
}

/** A verified credential and when it stops being valid on its own (PATs never do). */
interface CachedCredential {
  credential: Credential;
  expiresAt: number;
}

/**
 * Turns a presented secret into a Credential by its hash. Revocation is a row update made by a
 * projection before the revoking request is answered, so a revoked secret fails on the very next
 * request, on every process. A credential never grants more than the account's roles grant now:
 * its scopes, fixed when it was made, are narrowed to the current roles' (a demoted owner's
 * token loses the owner's scopes at once), and it stops working when the account leaves the
 * organization.
 *
 * Verified credentials are cached per process by secret hash. A changed token or PAT drops its
 * own entry (its table's change signal names the key: `token:` or `pat:` and the hash, migration
 * 1764700000100); a custom role, membership or member role change drops the whole cache. Every
 * write's reply waits until all processes have dropped theirs (platform read-model-cache), so
 * revocation keeps its bite.
 * After a drop, the secrets of the requests in flight are looked up together (KeyedBatches: a
 * lookup never answers a request that arrived after it began).
 */
@Injectable()
export class CredentialVerifier {
  private readonly cache: CoherentCache<CachedCredential>;
  /** The rows behind what the cache does not hold, read together for the requests in flight. */
  private readonly personalAccessTokenRows = new KeyedBatches<CredentialRow>((hashes) =>
    this.rowsByHash(
      `SELECT token_hash, pat_id AS id, account_id, organization_id, scopes, NULL AS client_id, NULL AS session_id, NULL AS expires_at FROM personal_access_tokens
       WHERE token_hash = ANY($1::text[]) AND revoked_at IS NULL`,
      hashes,
    ),
  );

  private readonly accessTokenRows = new KeyedBatches<CredentialRow>((hashes) =>
    this.rowsByHash(
      `SELECT token_hash, token_id AS id, account_id, organization_id, scopes, client_id, session_id, expires_at FROM access_tokens
       WHERE token_hash = ANY($1::text[]) AND revoked_at IS NULL AND expires_at > now()`,
      hashes,
    ),
  );

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly queries: QueryBus,
    @Inject(CACHE_COHERENCE) coherence: CacheCoherence | null,
  ) {
    this.cache = new CoherentCache(coherence ?? undefined, {}, recordCredentialCacheLookup);
  }

  async accessToken(token: string): Promise<Credential | null> {
    const hash = hashSecret(token);
    const cached = await this.cache.get(`token:${hash}`, () => this.loadAccessToken(hash), stillUnexpired);
    return cached?.credential ?? null;
  }

  /** HTTP Basic: the username is the account id, the password the PAT. */
  async personalAccessToken(accountId: string, token: string): Promise<Credential | null> {
    const hash = hashSecret(token);
    const cached = await this.cache.get(`pat:${hash}`, () => this.loadPersonalAccessToken(hash), stillUnexpired);
    // Compared after the lookup, so a wrong account id answers exactly like a wrong token.
    return cached && cached.credential.accountId === accountId ? cached.credential : null;
  }

  private async loadAccessToken(hash: string): Promise<CachedCredential | null> {
    const row = await this.accessTokenRows.get(hash);
    return row ? this.withCurrentRoles(row, 'access_token') : null;
  }

  private async loadPersonalAccessToken(hash: string): Promise<CachedCredential | null> {
    const row = await this.personalAccessTokenRows.get(hash);
    return row ? this.withCurrentRoles(row, 'personal_access_token') : null;
  }

  private async rowsByHash(statement: string, hashes: readonly string[]): Promise<Map<string, CredentialRow>> {
    const rows: (CredentialRow & { token_hash: string })[] = await this.dataSource.query(statement, [hashes]);
    return new Map(rows.map(({ token_hash, ...row }) => [token_hash, row]));
  }

  private async withCurrentRoles(row: CredentialRow, kind: Credential['kind']): Promise<CachedCredential | null> {
    const credential = toCredential(row, kind);
    const membership = await this.queries.execute(new GetMembershipQuery(credential.organizationId, credential.accountId));
    if (!membership) return null;
    const roleScopes = await this.queries.execute(new ScopesOfRolesQuery(credential.organizationId, membership.roles.map((role) => role.role_id)));
    return {
      credential: { ...credential, scopes: narrowScopes(credential.scopes, roleScopes) },
      expiresAt: row.expires_at ? new Date(row.expires_at).getTime() : Number.POSITIVE_INFINITY,
    };
  }
}

function stillUnexpired(cached: CachedCredential): boolean {
  return cached.expiresAt > Date.now();
}

function toCredential(row: CredentialRow, kind: Credential['kind']): Credential {
  return {
    accountId: row.account_id,
    organizationId: row.organization_id,
    scopes: row.scopes,
    kind,
    credentialId: row.id,
    ...(row.client_id ? { clientId: row.client_id } : {}),
    ...(row.session_id ? { sessionId: row.session_id } : {}),
    ...(row.expires_at ? { expiresAt: new Date(row.expires_at).toISOString() } : {}),
  };
}
