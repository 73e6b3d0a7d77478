import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, PERSONAL_DATA_VAULT, ReadersWait, type PersonalDataVault } from '@app/platform';
import { encodeCursor, scopeToOrganization } from '../domain';
import { entryOfRow, type AuditEntryRow } from '../projections/audit-entry-rows';
import { AUDIT_PROJECTION } from '../projections/audit.projection';
import { ListAuditEntriesQuery, type AuditPage } from './list-audit-entries.query';
import { openEntries } from './open-entries';

// The positions as text under names of their own: ORDER BY would sort output columns named like them as text.
const PAGE = `SELECT organization_id, commit_position::text AS commit, prepare_position::text AS prepare, occurred_at, type, actor_id, actor_client_id,
    account_id, session_id, client_id, correlation_id, entry
  FROM audit_entries
  WHERE organization_id = $1
    AND ($2::bigint IS NULL OR (commit_position, prepare_position) < ($2::bigint, $3::bigint))
    AND ($4::text IS NULL OR account_id = $4)
    AND ($5::text IS NULL OR session_id = $5)
    AND ($6::text IS NULL OR client_id = $6 OR actor_client_id = $6)
    AND ($7::text[] IS NULL OR type = ANY($7::text[]))
    AND ($8::text IS NULL OR actor_id = $8)
    AND ($9::timestamptz IS NULL OR occurred_at >= $9)
    AND ($10::timestamptz IS NULL OR occurred_at <= $10)
    AND ($11::text IS NULL OR correlation_id = $11)
  ORDER BY commit_position DESC, prepare_position DESC
  LIMIT $12`;

@QueryHandler(ListAuditEntriesQuery)
export class ListAuditEntriesHandler implements IQueryHandler<ListAuditEntriesQuery> {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    private readonly readersWait: ReadersWait,
  ) {}

  async execute({ organizationId, filter, limit, before }: ListAuditEntriesQuery): Promise<AuditPage> {
    // Writes' replies do not wait for the audit projection: this read does (ADR 015).
    await this.readersWait.untilCaughtUp(AUDIT_PROJECTION);
    const rows: AuditEntryRow[] = await this.dataSource.query(PAGE, [
      organizationId,
      before?.commit.toString() ?? null,
      before?.prepare.toString() ?? null,
      filter.accountId ?? null,
      filter.sessionId ?? null,
      filter.clientId ?? null,
      filter.types?.length ? filter.types : null,
      filter.actorId ?? null,
      filter.since?.toISOString() ?? null,
      filter.until?.toISOString() ?? null,
      filter.correlationId ?? null,
      // One more than asked tells whether there is a next page.
      limit + 1,
    ]);
    const page = rows.slice(0, limit).map((row) => scopeToOrganization(entryOfRow(row), organizationId));
    const entries = await openEntries(page, this.vault);
    return { entries, next_cursor: rows.length > limit ? encodeCursor(page[page.length - 1].position) : null };
  }
}
