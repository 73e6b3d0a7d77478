import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { CACHE_COHERENCE, CoherentCache, DATA_SOURCE, KeyedBatches, type CacheCoherence } from '@app/platform';
import { GetOAuthClientQuery, type OAuthClientRecord } from '../contracts/oauth.commands';

/**
 * Asked on every token request and authorization, so it comes from a per-process cache that any
 * change or deletion of a client drops on every process (migration SignalOAuthClientChanges): a
 * rotated secret or a removed redirect URI bites at the next request everywhere. A client not
 * found is always looked up again. After a change drops the cache, the clients of all the token
 * requests in flight are read together (KeyedBatches), not one statement each.
 */
@QueryHandler(GetOAuthClientQuery)
export class GetOAuthClientHandler implements IQueryHandler<GetOAuthClientQuery> {
  private readonly cache: CoherentCache<OAuthClientRecord>;
  /** What the cache does not hold, read together for the requests in flight. */
  private readonly lookups = new KeyedBatches<OAuthClientRecord>(async (clientIds) => {
    const rows: { client_id: string; organization_id: string; name: string; kind: 'confidential' | 'public'; redirect_uris: string[]; scopes: string[]; secret_hash: string | null }[] =
      await this.dataSource.query('SELECT client_id, organization_id, name, kind, redirect_uris, scopes, secret_hash FROM oauth_clients WHERE client_id = ANY($1::text[])', [clientIds]);
    // Frozen: the one cached object is handed to every later caller.
    return new Map(
      rows.map((row) => [
        row.client_id,
        Object.freeze({
          clientId: row.client_id,
          organizationId: row.organization_id,
          name: row.name,
          kind: row.kind,
          redirectUris: Object.freeze(row.redirect_uris) as string[],
          scopes: Object.freeze(row.scopes) as string[],
          secretHash: row.secret_hash,
        }),
      ]),
    );
  });

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CACHE_COHERENCE) coherence: CacheCoherence | null,
  ) {
    this.cache = new CoherentCache(coherence ?? undefined);
  }

  async execute({ clientId }: GetOAuthClientQuery): Promise<OAuthClientRecord | null> {
    if (!/^[0-9a-f]{32}$/.test(clientId)) return null;
    return this.cache.get(clientId, async () => (await this.lookups.get(clientId)) ?? null);
  }
}
