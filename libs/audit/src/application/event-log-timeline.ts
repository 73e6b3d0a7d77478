import { comparePositions, type EventStore, type PersonalDataVault, type Position, type RecordedEvent } from '@app/platform';
import { describeEvent, evolveStreamContext, matchesFilter, type AuditFilter } from '../domain';
import { openEntries, type ShownEntry } from './open-entries';
import { StreamContextCache } from './stream-context-cache';

export interface TimelineProgress {
  readonly events: number;
  /** Events in the log; undefined until they are counted. */
  readonly total: number | undefined;
  readonly matched: number;
}

export interface TimelineOptions {
  /** Events read per query (default 100: what one batch keeps alive is most of the replay's memory). */
  readonly batchSize?: number;
  /** Most streams whose context is remembered between their events (default 10,000). */
  readonly contextCapacity?: number;
  /** Most characters of remembered contexts (default 1 MiB). */
  readonly contextBytes?: number;
  /**
   * How long the replay waits, each time it finds nothing readable before its end (an older append
   * still open), before it ends without the rest (default 10 s).
   */
  readonly settleTimeoutMs?: number;
  readonly onProgress?: (progress: TimelineProgress) => void;
}

export const DEFAULT_TIMELINE_BATCH = 100;
/** How often a replay looks again for events committed before it started that are not readable yet. */
const SETTLE_POLL_MS = 20;

/**
 * The whole log, oldest first, as shown entries in batches: one batch of events is read, described
 * and opened at a time, so memory depends on the batch size and the context cache, not on the
 * log's length. It ends at the last event committed when it started (`lastPosition`, at or after
 * every write answered before), waiting (bounded) for what is committed but not readable yet; the
 * readable head is not that end: it lags while an older append is open, and the horizon that
 * decides it may step back for one statement (ADR 001). Batches stay small: whatever is
 * alive while a query is awaited outlives young-generation collections and ends up in the old
 * generation, which V8 lets grow to a multiple of what it keeps.
 */
export async function* eventLogTimeline(
  store: EventStore,
  vault: PersonalDataVault,
  filter: AuditFilter,
  options: TimelineOptions = {},
): AsyncGenerator<ShownEntry[]> {
  const end = await store.lastPosition();
  if (!end) return;
  const settleTimeoutMs = options.settleTimeoutMs ?? 10_000;
  /** When the replay began finding nothing readable before its end (undefined while it finds events). */
  let waitingSince: number | undefined;
  // For the progress only, so counted beside the replay, not before it (as a rebuild does); a
  // failed count only leaves the progress without its total.
  let total: number | undefined;
  const counting = options.onProgress ? store.countAfter(null).then((count) => void (total = count), () => undefined) : undefined;
  const contexts = new StreamContextCache(store, { maxStreams: options.contextCapacity, maxBytes: options.contextBytes, refoldBatch: options.batchSize });
  const batchSize = options.batchSize ?? DEFAULT_TIMELINE_BATCH;
  let after: Position | null = null;
  let events = 0;
  let matched = 0;
  try {
    for (;;) {
      if (after && comparePositions(after, end) >= 0) return;
      const batch: RecordedEvent[] = await store.readAll({ after, maxCount: batchSize });
      while (batch.length > 0 && comparePositions(batch[batch.length - 1].position, end) > 0) batch.pop();
      if (batch.length === 0) {
        // The end is a committed event, so more is coming: an older append still open holds it back.
        // The bound counts from this wait's start, not the replay's: a long replay may meet it late.
        waitingSince ??= Date.now();
        if (Date.now() - waitingSince > settleTimeoutMs) return;
        await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
        continue;
      }
      waitingSince = undefined;
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
  } finally {
    // Also when the caller stops early: no count is left running.
    await counting;
  }
}
