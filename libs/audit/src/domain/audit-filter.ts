import type { AuditEntry } from './audit-entry';

/** The questions an auditor narrows a timeline by; every one given must hold. */
export interface AuditFilter {
  readonly accountId?: string;
  readonly organizationId?: string;
  readonly sessionId?: string;
  readonly clientId?: string;
  readonly types?: readonly string[];
  readonly actorId?: string;
  /** Inclusive bounds on the event's time. */
  readonly since?: Date;
  readonly until?: Date;
  readonly correlationId?: string;
}

export function matchesFilter(entry: AuditEntry, filter: AuditFilter): boolean {
  const time = Date.parse(entry.time);
  return (
    (!filter.accountId || entry.account_id === filter.accountId || entry.stream === `account-${filter.accountId}`) &&
    (!filter.organizationId || entry.organization_ids.includes(filter.organizationId)) &&
    (!filter.sessionId || entry.session_id === filter.sessionId) &&
    (!filter.clientId || entry.client_id === filter.clientId || entry.actor.client_id === filter.clientId) &&
    (!filter.types?.length || filter.types.includes(entry.type)) &&
    (!filter.actorId || entry.actor.account_id === filter.actorId) &&
    (!filter.since || time >= filter.since.getTime()) &&
    (!filter.until || time <= filter.until.getTime()) &&
    (!filter.correlationId || entry.correlation_id === filter.correlationId)
  );
}
