import type { RecordedEvent, SqlRunner } from '@app/platform';
import { fieldsConsultedBy, isMemberField, type DraftStreamContext } from '../domain';

/**
 * The member fields of a stream's context (`isMemberField`) live in rows of their own, one per
 * stream and field, so a batch reads and writes only those its events consult: kept inside the
 * context, every batch touching a 10,000-member organization read, rewrote and logged its whole
 * context again (650 kB; some 45 ms a batch). Contexts are written without them.
 */

/**
 * The member fields asked for: ($1 stream, $2 field) pairs, and ($3 stream, $4 first, $5 past)
 * ranges of a stream's fields. Each is looked up in the key on its own (a lateral subquery with a
 * LIMIT or OFFSET is planned apart, never joined): as a plain join, a batch's hundred-odd pairs made
 * the planner hash them and scan the whole table, every member of every organization, per batch.
 */
export const MEMBER_FIELDS_WANTED = `SELECT f.stream_id, f.field, f.value FROM unnest($1::text[], $2::text[]) AS wanted(stream_id, field)
  CROSS JOIN LATERAL (SELECT m.stream_id, m.field, m.value FROM audit_member_fields m
    WHERE m.stream_id = wanted.stream_id AND m.field = wanted.field COLLATE "C" LIMIT 1) f
UNION
SELECT f.stream_id, f.field, f.value FROM unnest($3::text[], $4::text[], $5::text[]) AS wanted(stream_id, first, past)
  CROSS JOIN LATERAL (SELECT m.stream_id, m.field, m.value FROM audit_member_fields m
    WHERE m.stream_id = wanted.stream_id AND m.field >= wanted.first COLLATE "C" AND m.field < wanted.past COLLATE "C" OFFSET 0) f`;

/** Reads the member fields `events` consult that `contexts` do not hold yet, and adds them in place. */
export async function loadMemberFields(events: readonly RecordedEvent[], contexts: ReadonlyMap<string, DraftStreamContext>, read: SqlRunner): Promise<void> {
  const names: [string, string][] = [];
  const prefixes: [string, string, string][] = [];
  for (const event of events) {
    const held = contexts.get(event.streamId)?.fields ?? {};
    const consulted = fieldsConsultedBy(event.type, (event.data ?? {}) as Record<string, unknown>);
    for (const name of consulted.names) if (isMemberField(name) && !(name in held)) names.push([event.streamId, name]);
    for (const prefix of consulted.prefixes) prefixes.push([event.streamId, prefix, afterPrefix(prefix)]);
  }
  if (names.length === 0 && prefixes.length === 0) return;
  const rows = await read.query<{ stream_id: string; field: string; value: unknown }>(MEMBER_FIELDS_WANTED, [
    names.map(([stream]) => stream),
    names.map(([, name]) => name),
    ...[0, 1, 2].map((i) => prefixes.map((prefix) => prefix[i])),
  ]);
  for (const row of rows) {
    const fields = contexts.get(row.stream_id)?.fields;
    // A field the context already holds is newer: set by an earlier batch of a replay, maybe not written yet.
    if (fields && !(row.field in fields)) fields[row.field] = row.value;
  }
}

/**
 * Drops from a batch's contexts, once its statement is built, the member fields it did not set, so
 * that a context carried to later batches does not grow with its organization (that would make
 * each batch's work grow with it). A later batch that consults one reads it back from its row,
 * written by then: a rebuild has written a batch before it prepares the one after the next. The
 * fields the batch set stay, as the next batch may be prepared while their rows are being written.
 */
export function forgetMemberFieldsNotSet(contexts: ReadonlyMap<string, DraftStreamContext>, setByBatch: ReadonlyMap<string, ReadonlySet<string>>): void {
  for (const [streamId, context] of contexts) {
    const set = setByBatch.get(streamId);
    const forgotten = (field: string) => isMemberField(field) && !set?.has(field);
    if (!Object.keys(context.fields).some(forgotten)) continue;
    const kept: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(context.fields)) if (!forgotten(field)) kept[field] = value;
    context.fields = kept;
  }
}

/** The JSON of a context as stored: without its member fields. */
export function storedContext(context: DraftStreamContext): DraftStreamContext {
  if (!Object.keys(context.fields).some(isMemberField)) return context;
  const fields: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(context.fields)) if (!isMemberField(field)) fields[field] = value;
  return { ...context, fields };
}

/** The first string after every string that starts with `prefix` (fields compare byte by byte). */
function afterPrefix(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
