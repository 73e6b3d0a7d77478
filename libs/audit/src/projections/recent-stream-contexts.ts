import type { DraftStreamContext } from '../domain';

/**
 * What a context weighs besides its fields, counted as fields: its own properties, its list of
 * organizations and its place in the map. Most contexts (tokens, sessions, streams the audit only
 * passes through) hold few fields or none, and a bound on fields alone would keep far too many.
 */
export const CONTEXT_BASE_WEIGHT = 8;

/**
 * How much of the contexts a live replay keeps between batches, counted in fields (see
 * CONTEXT_BASE_WEIGHT): at most 12,500 contexts, some megabytes. Under the refresh grant's load
 * that covers the families in use and every access token from its issue until the per-client limit
 * revokes it: between the two, the other tokens issued and revoked are touched too, so about twice
 * as many streams as live tokens (a bound of 5,000 contexts missed for 100 families of 25 tokens).
 */
export const RECENT_CONTEXTS_WEIGHT = 100_000;

/**
 * The contexts of the streams a replay's latest batches touched, least recently used first out, so
 * that a stream seen again soon (a refresh family, an organization gaining members, a token revoked
 * a few seconds after it was issued) is not read back from the table a batch later. The streams of
 * the latest batch are never let go, whatever its size: a rebuild prepares a batch while the one
 * before it is still being written, so their contexts in the table may be stale.
 */
export class RecentStreamContexts {
  private readonly contexts = new Map<string, { context: DraftStreamContext; weight: number }>();
  private weight = 0;

  constructor(private readonly maxWeight = RECENT_CONTEXTS_WEIGHT) {}

  get(streamId: string): DraftStreamContext | undefined {
    return this.contexts.get(streamId)?.context;
  }

  /** Streams kept (for tests and diagnostics). */
  get size(): number {
    return this.contexts.size;
  }

  /** A batch's contexts, as it left them, become the most recent; older ones go past the bound. */
  keep(batch: ReadonlyMap<string, DraftStreamContext>): void {
    for (const [streamId, context] of batch) {
      this.drop(streamId);
      const weight = CONTEXT_BASE_WEIGHT + Object.keys(context.fields).length;
      this.contexts.set(streamId, { context, weight });
      this.weight += weight;
    }
    // Map order is insertion order: the batch's streams are last, the least recently used first.
    for (const streamId of this.contexts.keys()) {
      if (this.weight <= this.maxWeight || batch.has(streamId)) break;
      this.drop(streamId);
    }
  }

  private drop(streamId: string): void {
    const kept = this.contexts.get(streamId);
    if (!kept) return;
    this.weight -= kept.weight;
    this.contexts.delete(streamId);
  }
}
