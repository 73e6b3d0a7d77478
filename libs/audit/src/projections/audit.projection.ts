import type { EntityManager } from 'typeorm';
import type { Projection, RecordedEvent, ReplayOfBatches } from '@app/platform';
import { describeEvent, evolveStreamContextInPlace, initialStreamContext, type AuditEntry, type DraftStreamContext } from '../domain';

interface EntryRow {
  organization_id: string;
  commit_position: string;
  prepare_position: string;
  occurred_at: string;
  type: string;
  actor_id: string;
  actor_client_id: string | null;
  account_id: string | null;
  session_id: string | null;
  client_id: string | null;
  correlation_id: string;
  entry: AuditEntry;
}

/** A batch's entries ($1) and its streams' contexts ($2), each a JSON array or null. */
const WRITE_BATCH = `WITH entries AS (
    INSERT INTO audit_entries SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(organization_id text, commit_position bigint,
      prepare_position bigint, occurred_at timestamptz, type text, actor_id text, actor_client_id text, account_id text,
      session_id text, client_id text, correlation_id text, entry jsonb)
    ON CONFLICT DO NOTHING)
  INSERT INTO audit_stream_contexts (stream_id, context)
  SELECT r.stream_id, r.context FROM jsonb_to_recordset($2::jsonb) AS r(stream_id text, context jsonb)
  ON CONFLICT (stream_id) DO UPDATE SET context = EXCLUDED.context`;

/** Events folded between turns of the event loop. */
const YIELD_EVERY = 500;

/**
 * The timeline per organization, for GET /v2/audit (newest first, paged): the log itself reads
 * only forwards and knows no tenants. docs/adr/006-audit.md says how events find their organization.
 */
export class AuditProjection implements Projection {
  readonly name = 'audit';
  readonly version = 1;
  readonly tables = ['audit_entries', 'audit_stream_contexts'];

  async apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
    const write = await this.prepare(events, tx, new Map());
    await write(tx);
  }

  /** A rebuild's replay: each batch starts from the contexts the batch before it left. */
  replay(): ReplayOfBatches {
    let previous = new Map<string, DraftStreamContext>();
    return {
      prepare: async (events, read) => {
        const contexts = new Map<string, DraftStreamContext>();
        const write = await this.prepare(events, read, previous, contexts);
        previous = contexts;
        return write;
      },
    };
  }

  /**
   * Folds the batch and builds its two statements (every value serialised now: the contexts may
   * be changed in place by the next batch before these are written). Contexts found in `known`
   * are not read: the previous batch of a replay, not written yet, left them so.
   */
  private async prepare(
    events: readonly RecordedEvent[],
    read: EntityManager,
    known: ReadonlyMap<string, DraftStreamContext>,
    contexts = new Map<string, DraftStreamContext>(),
  ): Promise<(tx: EntityManager) => Promise<void>> {
    const streamIds = [...new Set(events.map((e) => e.streamId))];
    for (const id of streamIds) if (known.has(id)) contexts.set(id, known.get(id)!);
    for (const [id, context] of await this.contextsOf(streamIds.filter((id) => !known.has(id)), read)) contexts.set(id, context);
    const rows: EntryRow[] = [];
    for (const [i, event] of events.entries()) {
      // Folding a batch is long work for the one thread: let the batch being written meanwhile
      // have its round trips (a rebuild's replay) between slices of it.
      if (i > 0 && i % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      // The contexts were just read for this batch: they are ours to change in place.
      const context: DraftStreamContext = contexts.get(event.streamId) ?? { ...initialStreamContext(), fields: {} };
      // A replayed event is already in its stream's context: applying it again changes nothing.
      if (event.revision <= context.revision) continue;
      const entry = describeEvent(event, context);
      evolveStreamContextInPlace(context, event);
      contexts.set(event.streamId, context);
      for (const organizationId of entry.organization_ids) rows.push(toRow(organizationId, event, entry));
    }
    const entries = rows.length ? JSON.stringify(rows) : null;
    const changed = contexts.size ? JSON.stringify([...contexts].map(([stream_id, context]) => ({ stream_id, context }))) : null;
    // Set-based: one statement writes the entries and the contexts, whatever the batch size.
    return async (tx) => {
      if (entries || changed) await tx.query(WRITE_BATCH, [entries, changed]);
    };
  }

  private async contextsOf(streamIds: string[], tx: EntityManager): Promise<Map<string, DraftStreamContext>> {
    if (streamIds.length === 0) return new Map();
    const rows: { stream_id: string; context: DraftStreamContext }[] = await tx.query(
      'SELECT stream_id, context FROM audit_stream_contexts WHERE stream_id = ANY($1::text[])',
      [streamIds],
    );
    return new Map(rows.map((row) => [row.stream_id, row.context]));
  }
}

function toRow(organizationId: string, event: RecordedEvent, entry: AuditEntry): EntryRow {
  return {
    organization_id: organizationId,
    commit_position: event.position.commit.toString(),
    prepare_position: event.position.prepare.toString(),
    occurred_at: entry.time,
    type: entry.type,
    actor_id: entry.actor.account_id,
    actor_client_id: entry.actor.client_id ?? null,
    account_id: entry.account_id ?? null,
    session_id: entry.session_id ?? null,
    client_id: entry.client_id ?? null,
    correlation_id: entry.correlation_id,
    entry,
  };
}
