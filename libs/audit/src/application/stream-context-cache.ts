import { evolveStreamContext, initialStreamContext, type AuditedEvent, type StreamContext } from '../domain';
import type { EventStore } from '@app/platform';

export interface ContextCacheLimits {
  /** Most streams remembered (besides the one at hand). */
  readonly maxStreams?: number;
  /** Most characters of remembered contexts, as JSON (besides the one at hand). */
  readonly maxBytes?: number;
  /** Events read per query when a stream that fell out is folded again. */
  readonly refoldBatch?: number;
}

export const DEFAULT_CONTEXT_LIMITS = { maxStreams: 10_000, maxBytes: 1024 * 1024, refoldBatch: 500 } as const;

/**
 * The contexts of the streams seen lately, bounded by count and by size, so that replaying millions
 * of events keeps memory flat. The stream at hand is kept as is; the others as JSON text (a few
 * hundred bytes for an account, one flat string the garbage collector does not walk), least
 * recently used first out. A stream that fell out is folded again from its own events, a page at a
 * time, up to the one at hand: slower, but exact.
 */
export class StreamContextCache {
  private readonly remembered = new Map<string, string>();
  private bytes = 0;
  private current: { streamId: string; context: StreamContext } | undefined;
  private readonly limits: Required<ContextCacheLimits>;

  constructor(
    private readonly store: Pick<EventStore, 'readStream'>,
    limits: ContextCacheLimits = {},
  ) {
    this.limits = {
      maxStreams: limits.maxStreams ?? DEFAULT_CONTEXT_LIMITS.maxStreams,
      maxBytes: limits.maxBytes ?? DEFAULT_CONTEXT_LIMITS.maxBytes,
      refoldBatch: limits.refoldBatch ?? DEFAULT_CONTEXT_LIMITS.refoldBatch,
    };
  }

  /** The context of the event's stream just before the event. */
  async before(event: AuditedEvent): Promise<StreamContext> {
    if (this.current?.streamId === event.streamId && this.current.context.revision === event.revision - 1) return this.current.context;
    const text = this.remembered.get(event.streamId);
    if (text !== undefined) {
      const context = JSON.parse(text) as StreamContext;
      if (context.revision === event.revision - 1) return context;
    }
    if (event.revision === 0) return initialStreamContext();
    return this.refold(event);
  }

  /** The stream's context after its latest event: it becomes the stream at hand. */
  remember(streamId: string, context: StreamContext): void {
    this.forget(streamId);
    const previous = this.current;
    this.current = { streamId, context };
    if (previous && previous.streamId !== streamId) this.keep(previous.streamId, JSON.stringify(previous.context));
  }

  /** Streams remembered, the one at hand included (for tests and diagnostics). */
  get size(): number {
    return this.remembered.size + (this.current ? 1 : 0);
  }

  private keep(streamId: string, text: string): void {
    this.remembered.set(streamId, text);
    this.bytes += streamId.length + text.length;
    while (this.remembered.size > this.limits.maxStreams || (this.bytes > this.limits.maxBytes && this.remembered.size > 0)) {
      // Map order is insertion order: the first key is the least recently used.
      this.forget(this.remembered.keys().next().value!);
    }
  }

  private forget(streamId: string): void {
    const text = this.remembered.get(streamId);
    if (text === undefined) return;
    this.bytes -= streamId.length + text.length;
    this.remembered.delete(streamId);
  }

  /** Folds the stream's events before this one, one page at a time (a long stream is never read whole). */
  private async refold(event: AuditedEvent): Promise<StreamContext> {
    let context = initialStreamContext();
    while (context.revision < event.revision - 1) {
      const from = context.revision + 1;
      const page = await this.store.readStream(event.streamId, { fromRevision: from, maxCount: Math.min(this.limits.refoldBatch, event.revision - from) });
      const folded = page.reduce(evolveStreamContext, context);
      if (folded.revision === context.revision) break;
      context = folded;
    }
    return context;
  }
}
