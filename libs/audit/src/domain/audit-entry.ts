/**
 * One line of the audit timeline, as the audit domain derives it from one event. Personal values
 * are still sealed here (EncryptedValue objects): they are opened only when an entry is shown, so
 * an account erased later shows as erased everywhere, whenever the entry was derived.
 */
export interface AuditChange {
  readonly field: string;
  /** Absent when the field had no value before (creation). */
  readonly before?: unknown;
  /** Null when the field was removed. */
  readonly after: unknown;
}

export interface AuditActor {
  readonly account_id: string;
  readonly client_id?: string;
  readonly pat_id?: string;
}

export interface AuditEntry {
  /** Place in the global order, `commit/prepare`. */
  readonly position: string;
  /** When the decision was made (metadata.occurredAt). */
  readonly time: string;
  readonly type: string;
  readonly stream: string;
  readonly actor: AuditActor;
  readonly request_id: string;
  readonly correlation_id: string;
  /** The organizations this event belongs to (tenant scope of GET /v2/audit). */
  readonly organization_ids: readonly string[];
  /** The account, session and OAuth client the event is about, when there is one. */
  readonly account_id?: string;
  readonly session_id?: string;
  readonly client_id?: string;
  /** Whose key sealed the personal values of this entry. */
  readonly subject_id?: string;
  readonly changes: readonly AuditChange[];
  /** The rest of the event data, secrets redacted. */
  readonly details: Readonly<Record<string, unknown>>;
}

export const REDACTED = '[redacted]';
export const ERASED = '[erased]';
