import type { AuditActor, AuditChange, AuditEntry } from './audit-entry';
import { assignmentsOf, type FieldAssignments } from './audited-fields';
import { redact, redactEntry, redactStreamName } from './redaction';
import { categoryOf, organizationsOf, type AuditedEvent, type StreamContext } from './stream-context';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The timeline entry of one event, given what its stream looked like just before it. A caller
 * that also folds the event into the context may pass the event's assignments (computed on the
 * same `before`) so they are worked out once.
 */
export function describeEvent(event: AuditedEvent, before: StreamContext, assignments?: FieldAssignments): AuditEntry {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const { set, consumed } = assignments ?? assignmentsOf(event.type, data, before.fields);
  const changes: AuditChange[] = Object.entries(set).map(([field, after]) =>
    field in before.fields ? { field, before: redact(before.fields[field]), after: redact(after) } : { field, after: redact(after) },
  );
  // Copied and redacted in one pass (redact() would copy the copy again).
  const details: Record<string, unknown> = {};
  for (const key of Object.keys(data)) if (!consumed.includes(key)) details[key] = redactEntry(key, data[key]);
  const organizationStream = categoryOf(event.streamId) === 'organization';
  const accountId = str(data.account_id) ?? (organizationStream ? undefined : before.accountId);
  const sessionId = str(data.session_id) ?? before.sessionId ?? (categoryOf(event.streamId) === 'session' ? event.streamId.slice('session-'.length) : undefined);
  const clientId = str(data.client_id) ?? (organizationStream ? undefined : before.clientId);
  const { metadata } = event;
  // Optional members are assigned, not spread in: spreading conditional objects into a literal
  // takes a slow path, and a replay describes every event of the log. The order is the same.
  const actor: Mutable<AuditActor> = { account_id: metadata.actorId };
  if (metadata.clientId) actor.client_id = metadata.clientId;
  if (metadata.patId) actor.pat_id = metadata.patId;
  // Completed below, changes and details last.
  const entry: Partial<Mutable<AuditEntry>> = {
    position: `${event.position.commit}/${event.position.prepare}`,
    time: metadata.occurredAt,
    type: event.type,
    stream: redactStreamName(event.streamId),
    actor,
    request_id: metadata.requestId,
    correlation_id: metadata.correlationId,
    organization_ids: [...organizationsOf(event, before)],
  };
  if (accountId) {
    entry.account_id = accountId;
    entry.subject_id = accountId;
  }
  if (sessionId) entry.session_id = sessionId;
  if (clientId) entry.client_id = clientId;
  entry.changes = changes;
  entry.details = details;
  return entry as AuditEntry;
}
