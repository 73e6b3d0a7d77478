import type { Projection, RecordedEvent, ReplayOfBatches, ReplayUse, SqlRunner } from '@app/platform';
import {
  assignmentsOf,
  describeEvent,
  draftOf,
  evolveStreamContextInPlace,
  initialStreamContext,
  isAuditedStream,
  isMemberField,
  organizationsOf,
  type AuditEntry,
  type DraftStreamContext,
  type StreamContext,
} from '../domain';
import { storedDocument } from './audit-entry-rows';
import { forgetMemberFieldsNotSet, loadMemberFields, storedContext } from './member-fields';
import { RECENT_CONTEXTS_WEIGHT, RecentStreamContexts } from './recent-stream-contexts';

/**
 * A batch's entries, its streams' contexts ($3) and the member fields it changed ($4), each a JSON
 * array or null. An entry is a row of its columns in $1 ([organization, commit, prepare, the
 * entry's filter columns...], one per organization the entry belongs to) and its document at the
 * same place in $2. The documents are `json` all the way (audit-documents-as-json migration): the
 * database checks their text but builds no tree of them; only the few columns are parsed. (Reading
 * the columns out of the document in SQL, or through jsonb_to_recordset, costs the database twice
 * as much per row as the few bytes sent twice.) `apply` may meet entries already written (a
 * replayed event); a replay never does, and its plain inserts skip the speculative insertion that
 * ON CONFLICT costs every row.
 */
const writeBatch = (entriesConflict: 'ON CONFLICT DO NOTHING' | '') => `WITH entries AS (
    INSERT INTO audit_entries (organization_id, commit_position, prepare_position, occurred_at, type, actor_id, actor_client_id,
      account_id, session_id, client_id, correlation_id, entry)
    SELECT r->>0, (r->>1)::bigint, (r->>2)::bigint, (r->>3)::timestamptz, r->>4, r->>5, r->>6, r->>7, r->>8, r->>9, r->>10, d
    FROM ROWS FROM (jsonb_array_elements($1::jsonb), json_array_elements($2::json)) AS e(r, d)
    ${entriesConflict}),
  member_fields AS (
    INSERT INTO audit_member_fields (stream_id, field, value)
    SELECT r->>0, r->>1, r->2 FROM jsonb_array_elements($4::jsonb) AS r
    ON CONFLICT (stream_id, field) DO UPDATE SET value = EXCLUDED.value)
  INSERT INTO audit_stream_contexts (stream_id, context)
  SELECT r->>0, r->1 FROM json_array_elements($3::json) AS r
  ON CONFLICT (stream_id) DO UPDATE SET context = EXCLUDED.context`;
const WRITE_APPLIED_BATCH = writeBatch('ON CONFLICT DO NOTHING');
const WRITE_REPLAYED_BATCH = writeBatch('');

/**
 * The columns ($1) and documents ($2) of an entry's rows, as writeBatch reads them; the document
 * (what the columns do not hold: audit-entry-rows.ts) is serialised once.
 */
function addEntryRows(event: RecordedEvent, entry: AuditEntry, columnRows: string[], documents: string[]): void {
  const json = JSON.stringify(storedDocument(entry));
  const columns = JSON.stringify([
    event.position.commit.toString(),
    event.position.prepare.toString(),
    entry.time,
    entry.type,
    entry.actor.account_id,
    entry.actor.client_id ?? null,
    entry.account_id ?? null,
    entry.session_id ?? null,
    entry.client_id ?? null,
    entry.correlation_id,
  ]).slice(1, -1);
  for (const organizationId of entry.organization_ids) {
    columnRows.push(`[${JSON.stringify(organizationId)},${columns}]`);
    documents.push(json);
  }
}

export const AUDIT_PROJECTION = 'audit';

/**
 * What a context stores besides its fields (and its revision), each with how two values of it
 * compare as stored JSON (undefined is stored as absent, read back as absent). A batch writes only
 * the contexts an event changed, each with the revision of the last event that changed it: most
 * events (a refresh token used, a token revoked) leave their stream's context as it was, and
 * rewriting it cost a row version, its index entry and its log record each time. The events after
 * a stored context's revision changed nothing of it, so folding them again changes nothing either;
 * a stream with no stored context is one whose events changed nothing of the initial one. The
 * revision stored is the same however the events were cut into batches.
 */
const STORED_PARTS: { [K in Exclude<keyof StreamContext, 'revision' | 'fields'>]: (a: StreamContext[K], b: StreamContext[K]) => boolean } = {
  // Every property but these two, or the compiler objects: a new one must count as a change.
  organizationIds: (a, b) => a.length === b.length && a.every((id, i) => id === b[i]),
  accountId: (a, b) => (a ?? null) === (b ?? null),
  sessionId: (a, b) => (a ?? null) === (b ?? null),
  clientId: (a, b) => (a ?? null) === (b ?? null),
};
const STORED_PART_NAMES = Object.keys(STORED_PARTS) as (keyof typeof STORED_PARTS)[];

type StoredParts = Pick<StreamContext, keyof typeof STORED_PARTS>;

/** The stored parts as they are now (the fold replaces them; it never changes them in place). */
const storedPartsOf = (context: DraftStreamContext): StoredParts => ({
  organizationIds: context.organizationIds,
  accountId: context.accountId,
  sessionId: context.sessionId,
  clientId: context.clientId,
});

function storedPartsChanged(before: StoredParts, after: DraftStreamContext): boolean {
  return STORED_PART_NAMES.some((name) => !(STORED_PARTS[name] as (a: unknown, b: unknown) => boolean)(before[name], after[name]));
}

/** Whether a field's new value differs from its old one as JSON (how both are stored). */
function sameAsJson(before: unknown, after: unknown): boolean {
  if (before === after) return true;
  const isObject = (value: unknown) => typeof value === 'object' && value !== null;
  // Two different primitives differ as JSON too, but for numbers JSON cannot tell apart.
  if (!isObject(before) && !isObject(after) && !(typeof before === 'number' && typeof after === 'number')) return false;
  return JSON.stringify(before) === JSON.stringify(after);
}

/** Events folded between turns of the event loop. */
const YIELD_EVERY = 500;

/**
 * The timeline per organization, for GET /v2/audit (newest first, paged): the log itself reads
 * only forwards and knows no tenants. docs/adr/006-audit.md says how events find their organization.
 */
export class AuditProjection implements Projection {
  readonly name = AUDIT_PROJECTION;
  /** 2: member fields in rows of their own. */
  readonly version = 2;
  readonly tables = ['audit_entries', 'audit_stream_contexts', 'audit_member_fields'];
  /** Every write feeds it and few requests read it: GET /v2/audit waits for it, no write does (ADR 015). */
  readonly awaitedBy = 'readers';

  /** Reads every context it folds: the events may have been applied already (then nothing changes). */
  async apply(events: readonly RecordedEvent[], tx: SqlRunner): Promise<void> {
    const write = await this.prepare(events, tx, undefined);
    await write(tx);
  }

  /**
   * The live runner's batches and a rebuild's: each event comes once, in order, and none is in the
   * tables yet. So a stream the latest batches touched is folded on from the context they left, and
   * a stream that starts in the batch from nothing; only the others are read. A rebuild keeps only
   * its latest batch's contexts: its batches are large, and it must keep its memory flat.
   */
  replay(use: ReplayUse): ReplayOfBatches {
    const recent = new RecentStreamContexts(use === 'live' ? RECENT_CONTEXTS_WEIGHT : 0);
    return {
      prepare: async (events, read) => {
        const contexts = new Map<string, DraftStreamContext>();
        const write = await this.prepare(events, read, recent, contexts);
        recent.keep(contexts);
        return write;
      },
    };
  }

  /**
   * Folds the batch and builds its statement (every value serialised now: the contexts may be
   * changed in place by the next batch before it is written). `recent` is a replay's: its events
   * are not applied yet. Without it (`apply`) every context is read.
   */
  private async prepare(
    events: readonly RecordedEvent[],
    read: SqlRunner,
    recent: RecentStreamContexts | undefined,
    contexts = new Map<string, DraftStreamContext>(),
  ): Promise<(tx: SqlRunner) => Promise<void>> {
    const unread: string[] = [];
    for (const event of events) {
      if (contexts.has(event.streamId) || !isAuditedStream(event.streamId)) continue;
      const kept = recent?.get(event.streamId);
      // In a replay, a stream whose first event is at revision 0 has no context stored.
      if (kept || (recent && event.revision === 0)) contexts.set(event.streamId, kept ?? draftOf(initialStreamContext()));
      else {
        contexts.set(event.streamId, draftOf(initialStreamContext()));
        unread.push(event.streamId);
      }
    }
    for (const [id, context] of await this.contextsOf(unread, read)) contexts.set(id, context);
    await loadMemberFields(events, contexts, read);
    const columnRows: string[] = [];
    const documents: string[] = [];
    const memberFields = new Map<string, Set<string>>();
    // Each stream whose stored context an event of the batch changed, and the last such event.
    const lastChanges = new Map<string, number>();
    for (const [i, event] of events.entries()) {
      // Folding a batch is long work for the one thread: let the batch being written meanwhile
      // have its round trips (a rebuild's replay) between slices of it.
      if (i > 0 && i % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      // The contexts were read for this batch, or carried from the previous one whose statements
      // are already serialised: they are ours to change in place. Streams not followed have none.
      const context = contexts.get(event.streamId);
      if (!context) continue;
      // A replayed event is already in its stream's context: applying it again changes nothing.
      if (event.revision <= context.revision) continue;
      // Worked out once for both: describing the event and folding it read the same context.
      const assignments = assignmentsOf(event.type, (event.data ?? {}) as Record<string, unknown>, context.fields);
      // An event of no organization has no place in any timeline: only its stream's context moves.
      if (organizationsOf(event, context).length) addEntryRows(event, describeEvent(event, context, assignments), columnRows, documents);
      const before = storedPartsOf(context);
      // Member fields too: they are kept in rows of their own, but folding an event again must
      // find them newer than it (the stored revision is the guard).
      const fieldsChanged = Object.entries(assignments.set).some(([field, value]) => !sameAsJson(context.fields[field], value));
      for (const field of Object.keys(evolveStreamContextInPlace(context, event, assignments))) {
        if (isMemberField(field)) memberFields.set(event.streamId, (memberFields.get(event.streamId) ?? new Set()).add(field));
      }
      if (fieldsChanged || storedPartsChanged(before, context)) lastChanges.set(event.streamId, event.revision);
    }
    const entries = columnRows.length ? `[${columnRows.join(',')}]` : null;
    const entryDocuments = documents.length ? `[${documents.join(',')}]` : null;
    const changed = lastChanges.size
      ? JSON.stringify([...lastChanges].map(([id, revision]) => [id, { ...storedContext(contexts.get(id)!), revision }]))
      : null;
    const fields = [...memberFields].flatMap(([id, names]) => [...names].map((name) => [id, name, contexts.get(id)!.fields[name]]));
    const changedFields = fields.length ? JSON.stringify(fields) : null;
    if (recent) forgetMemberFieldsNotSet(contexts, memberFields);
    // Set-based: one statement writes the entries, the contexts and the member fields, whatever the batch size.
    return async (tx) => {
      if (entries || changed) await tx.query(recent ? WRITE_REPLAYED_BATCH : WRITE_APPLIED_BATCH, [entries, entryDocuments, changed, changedFields]);
    };
  }

  private async contextsOf(streamIds: string[], tx: SqlRunner): Promise<Map<string, DraftStreamContext>> {
    if (streamIds.length === 0) return new Map();
    const rows = await tx.query<{ stream_id: string; context: DraftStreamContext }>(
      'SELECT stream_id, context FROM audit_stream_contexts WHERE stream_id = ANY($1::text[])',
      [streamIds],
    );
    return new Map(rows.map((row) => [row.stream_id, draftOf(row.context)]));
  }
}
