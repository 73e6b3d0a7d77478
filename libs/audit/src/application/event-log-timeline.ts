import { comparePositions, type EventStore, type PersonalDataVault, type Position, type RecordedEvent } from '@app/platform';
import { describeEvent, evolveStreamContext, matchesFilter, type AuditFilter } from '../domain';
import { openEntries, type ShownEntry } from './open-entries';
import { StreamContextCache } from './stream-context-cache';

export interface TimelineProgress {
  readonly events: number;
  readonly total: number;
  readonly matched: number;
}

export interface TimelineOptions {
  /** Events read per query (default 100: what one batch keeps alive is most of the replay's memory). */
  readonly batchSize?: number;
  /** Most streams whose context is remembered between their events (default 10,000). */
  readonly contextCapacity?: number;
  /** Most characters of remembered contexts (default 1 MiB). */
  readonly contextBytes?: number;
  readonly onProgress?: (progress: TimelineProgress) => void;
}

export const DEFAULT_TIMELINE_BATCH = 100;

/**
 * The whole log, oldest first, as shown entries in batches: one batch of events is read, described
 * and opened at a time, so memory depends on the batch size and the context cache, not on the
 * log's length. It ends at the head the log had when it started. Batches stay small: whatever is
 * alive while a query is awaited outlives young-generation collections and ends up in the old
 * generation, which V8 lets grow to a multiple of what it keeps.
 */
export async function* eventLogTimeline(
  store: EventStore,
  vault: PersonalDataVault,
  filter: AuditFilter,
  options: TimelineOptions = {},
): AsyncGenerator<ShownEntry[]> {
  const head = await store.headPosition();
  if (!head) return;
  const total = options.onProgress ? await store.countAfter(null) : 0;
  const contexts = new StreamContextCache(store, { maxStreams: options.contextCapacity, maxBytes: options.contextBytes, refoldBatch: options.batchSize });
  const batchSize = options.batchSize ?? DEFAULT_TIMELINE_BATCH;
  let after: Position | null = null;
  let events = 0;
  let matched = 0;
  for (;;) {
    const batch: RecordedEvent[] = await store.readAll({ after, maxCount: batchSize });
    while (batch.length > 0 && comparePositions(batch[batch.length - 1].position, head) > 0) batch.pop();
    if (batch.length === 0) return;
    const entries = [];
    for (const event of batch) {
      const before = await contexts.before(event);
      const entry = describeEvent(event, before);
      contexts.remember(event.streamId, evolveStreamContext(before, event));
      if (matchesFilter(entry, filter)) entries.push(entry);
    }
    events += batch.length;
    matched += entries.length;
    after = batch[batch.length - 1].position;
    options.onProgress?.({ events, total, matched });
    if (entries.length) yield await openEntries(entries, vault);
  }
}
