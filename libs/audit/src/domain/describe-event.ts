import type { AuditChange, AuditEntry } from './audit-entry';
import { assignmentsOf, type FieldAssignments } from './audited-fields';
import { redact, redactEntry, redactStreamName } from './redaction';
import { categoryOf, organizationsOf, type AuditedEvent, type StreamContext } from './stream-context';

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
  return {
    position: `${event.position.commit}/${event.position.prepare}`,
    time: metadata.occurredAt,
    type: event.type,
    stream: redactStreamName(event.streamId),
    actor: { account_id: metadata.actorId, ...(metadata.clientId ? { client_id: metadata.clientId } : {}), ...(metadata.patId ? { pat_id: metadata.patId } : {}) },
    request_id: metadata.requestId,
    correlation_id: metadata.correlationId,
    organization_ids: [...organizationsOf(event, before)],
    ...(accountId ? { account_id: accountId, subject_id: accountId } : {}),
    ...(sessionId ? { session_id: sessionId } : {}),
    ...(clientId ? { client_id: clientId } : {}),
    changes,
    details,
  };
}
