import type { AuditChange, AuditEntry } from './audit-entry';
import { assignmentsOf } from './audited-fields';
import { redact, redactStreamName } from './redaction';
import { categoryOf, organizationsOf, type AuditedEvent, type StreamContext } from './stream-context';

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The timeline entry of one event, given what its stream looked like just before it. */
export function describeEvent(event: AuditedEvent, before: StreamContext): AuditEntry {
  const data = (event.data ?? {}) as Record<string, unknown>;
  const { set, consumed } = assignmentsOf(event.type, data, before.fields);
  const changes: AuditChange[] = Object.entries(set).map(([field, after]) =>
    field in before.fields ? { field, before: redact(before.fields[field]), after: redact(after) } : { field, after: redact(after) },
  );
  const details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) if (!consumed.includes(key)) details[key] = value;
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
    details: redact(details) as Record<string, unknown>,
  };
}
