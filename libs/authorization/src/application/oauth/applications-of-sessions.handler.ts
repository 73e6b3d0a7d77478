import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '@app/platform';
import { ApplicationsOfSessionsQuery, type SessionApplication } from '../../contracts/oauth.commands';

/**
 * The clients a session has given live tokens to: what a "signed in to these apps" list shows,
 * and what removing the session would cut off. Deleted clients are gone (their tokens too).
 */
@QueryHandler(ApplicationsOfSessionsQuery)
export class ApplicationsOfSessionsHandler implements IQueryHandler<ApplicationsOfSessionsQuery> {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async execute({ sessionIds }: ApplicationsOfSessionsQuery): Promise<SessionApplication[]> {
    if (sessionIds.length === 0) return [];
    const rows: { session_id: string; client_id: string; name: string }[] = await this.dataSource.query(
      `SELECT DISTINCT g.session_id, c.client_id, c.name FROM (
         SELECT session_id, client_id FROM access_tokens
           WHERE session_id = ANY($1::uuid[]) AND client_id IS NOT NULL AND revoked_at IS NULL AND expires_at > now()
         UNION
         SELECT session_id, client_id FROM refresh_token_families WHERE session_id = ANY($1::uuid[]) AND revoked_at IS NULL
       ) g JOIN oauth_clients c ON c.client_id = g.client_id
       ORDER BY g.session_id, c.name, c.client_id`,
      [sessionIds],
    );
    return rows.map((row) => ({ sessionId: row.session_id, clientId: row.client_id, name: row.name }));
  }
}
