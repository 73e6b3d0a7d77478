import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '@app/platform';
import { GetSessionQuery, type IdentitySource, type SessionView } from '../contracts/session.commands';
import { ListSessionsQuery } from './list-sessions.query';

interface SessionRow {
  session_id: string;
  account_id: string;
  organization_id: string;
  identity_source: IdentitySource;
  ip: string | null;
  user_agent: string | null;
  started_at: Date;
}

/** An erased account's device data opens to null; it shows as empty rather than breaking the shape. */
function toView(row: SessionRow): SessionView {
  return {
    sessionId: row.session_id,
    accountId: row.account_id,
    organizationId: row.organization_id,
    identitySource: row.identity_source,
    ip: row.ip ?? '',
    userAgent: row.user_agent ?? '',
    startedAt: new Date(row.started_at).toISOString(),
  };
}

@QueryHandler(GetSessionQuery)
export class GetSessionHandler implements IQueryHandler<GetSessionQuery> {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async execute(query: GetSessionQuery): Promise<SessionView | null> {
    const rows: SessionRow[] = await this.dataSource.query('SELECT * FROM sessions WHERE session_id = $1', [query.sessionId]);
    return rows[0] ? toView(rows[0]) : null;
  }
}

@QueryHandler(ListSessionsQuery)
export class ListSessionsHandler implements IQueryHandler<ListSessionsQuery> {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async execute(query: ListSessionsQuery): Promise<SessionView[]> {
    const rows: SessionRow[] = await this.dataSource.query('SELECT * FROM sessions WHERE account_id = $1 ORDER BY started_at, session_id', [query.accountId]);
    return rows.map(toView);
  }
}
