import type { AuditActor, AuditEntry } from '../domain';

/** The columns of an `audit_entries` row that the timeline's filters use, as a page reads them. */
export interface AuditEntryRow {
  readonly organization_id: string;
  readonly commit: string;
  readonly prepare: string;
  readonly occurred_at: Date;
  readonly type: string;
  readonly actor_id: string;
  readonly actor_client_id: string | null;
  readonly account_id: string | null;
  readonly session_id: string | null;
  readonly client_id: string | null;
  readonly correlation_id: string;
  readonly entry: StoredEntryDocument;
}

/**
 * What a row's `entry` document holds: only what its columns do not. Each row of a write is
 * written to the log's WAL whole, and an account's creation writes three entries; the columns'
 * values in the document too made it twice their size. Documents written before hold the whole
 * entry; entryOfRow reads both.
 */
export interface StoredEntryDocument {
  readonly stream: string;
  /** Absent when it is the correlation id (a request's own decisions). */
  readonly request_id?: string;
  /** Absent when the occurred_at column gives it back to the character. */
  readonly time?: string;
  readonly actor?: Pick<AuditActor, 'pat_id'>;
  readonly changes: AuditEntry['changes'];
  readonly details: AuditEntry['details'];
}

/** The document stored for `entry` (the columns are written beside it by the projection). */
export function storedDocument(entry: AuditEntry): StoredEntryDocument {
  // Assigned in the order of the fields above (the stored JSON keeps it), not spread in: a
  // conditional spread takes a slow path, and a rebuild stores every entry of the log.
  const document: { -readonly [K in keyof StoredEntryDocument]?: StoredEntryDocument[K] } = { stream: entry.stream };
  if (entry.request_id !== entry.correlation_id) document.request_id = entry.request_id;
  if (new Date(entry.time).toISOString() !== entry.time) document.time = entry.time;
  if (entry.actor.pat_id) document.actor = { pat_id: entry.actor.pat_id };
  document.changes = entry.changes;
  document.details = entry.details;
  return document as StoredEntryDocument;
}

/**
 * The entry a row shows its organization: the organization's own row carries only that
 * organization (scopeToOrganization keeps no other). Reads documents of either shape.
 */
export function entryOfRow(row: AuditEntryRow): AuditEntry {
  const document = row.entry;
  const actor: AuditActor = {
    account_id: row.actor_id,
    ...(row.actor_client_id ? { client_id: row.actor_client_id } : {}),
    ...(document.actor?.pat_id ? { pat_id: document.actor.pat_id } : {}),
  };
  return {
    position: `${row.commit}/${row.prepare}`,
    time: document.time ?? row.occurred_at.toISOString(),
    type: row.type,
    stream: document.stream,
    actor,
    request_id: document.request_id ?? row.correlation_id,
    correlation_id: row.correlation_id,
    organization_ids: [row.organization_id],
    // The personal values of an entry about an account are sealed with that account's key.
    ...(row.account_id ? { account_id: row.account_id, subject_id: row.account_id } : {}),
    ...(row.session_id ? { session_id: row.session_id } : {}),
    ...(row.client_id ? { client_id: row.client_id } : {}),
    changes: document.changes,
    details: document.details,
  };
}
