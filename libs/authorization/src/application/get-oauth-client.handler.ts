import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '@app/platform';
import { GetOAuthClientQuery, type OAuthClientRecord } from '../contracts/oauth.commands';

@QueryHandler(GetOAuthClientQuery)
export class GetOAuthClientHandler implements IQueryHandler<GetOAuthClientQuery> {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async execute({ clientId }: GetOAuthClientQuery): Promise<OAuthClientRecord | null> {
    if (!/^[0-9a-f]{32}$/.test(clientId)) return null;
    const rows: { client_id: string; organization_id: string; name: string; kind: 'confidential' | 'public'; redirect_uris: string[]; scopes: string[]; secret_hash: string | null }[] =
      await this.dataSource.query('SELECT client_id, organization_id, name, kind, redirect_uris, scopes, secret_hash FROM oauth_clients WHERE client_id = $1', [clientId]);
    const row = rows[0];
    return row
      ? { clientId: row.client_id, organizationId: row.organization_id, name: row.name, kind: row.kind, redirectUris: row.redirect_uris, scopes: row.scopes, secretHash: row.secret_hash }
      : null;
  }
}
