import type { DraftStreamContext } from '../domain';

/**
 * How much of the contexts a replay keeps between batches, counted in fields (a context weighs one
 * plus its fields): an organization's context may hold a field per member, an account's a handful.
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
      const weight = 1 + Object.keys(context.fields).length;
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
