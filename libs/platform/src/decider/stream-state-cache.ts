/** An aggregate's folded state as of a stream revision. */
export interface FoldedStream<State> {
  readonly state: State;
  readonly revision: number;
}

/**
 * How many streams' states a process keeps at most. A token revoked past its client's per-account
 * limit was issued by the same process a while before: under the refresh load of `npm run bench`
 * (100 families at the limit of 25) some 5,100 other streams are written in between, so it must
 * outlive that many. A state is kept while fewer than half this many other streams have been used
 * after it (see the class): 12,499 of them at least. 25,000 states cost about 30 MB more at most (peak RSS of the service
 * under that load, 378 -> 408 MB).
 */
const MAX_STREAMS = 25_000;

type Entry = { decider: unknown; folded: FoldedStream<unknown> };

/**
 * The last folded state of recently written streams, so the next command on a stream reads only
 * the events after it instead of the whole history (a large organization's stream grows with every
 * member). Safe across processes: streams are append-only, and an append still carries the
 * expected revision, so a state that another process has moved past fails the append and is
 * brought forward from its revision. States are immutable values (deciders' `evolve` copies).
 *
 * Two generations instead of an exact least-recently-used order: the streams used since the
 * young generation began, and those of the one before. When the young one holds half the bound,
 * it becomes the old one and the old one is dropped whole. A stream used again moves to the young
 * generation. So a state is kept while fewer than half the bound of other streams have been used
 * after its last use, and at most the bound is kept. An exact order moved every stream used to the end of a
 * 25,000-entry Map twice a command, 2% of the service's CPU under write load.
 */
export class StreamStateCache {
  private young = new Map<string, Entry>();
  private old = new Map<string, Entry>();
  private readonly generationSize: number;

  constructor(maxStreams = MAX_STREAMS) {
    this.generationSize = Math.max(1, Math.floor(maxStreams / 2));
  }

  get<State>(streamId: string, decider: unknown): FoldedStream<State> | undefined {
    let entry = this.young.get(streamId);
    if (!entry) {
      entry = this.old.get(streamId);
      if (!entry) return undefined;
      this.old.delete(streamId);
      this.keep(streamId, entry);
    }
    return entry.decider === decider ? (entry.folded as FoldedStream<State>) : undefined;
  }

  set<State>(streamId: string, decider: unknown, folded: FoldedStream<State>): void {
    this.old.delete(streamId);
    this.keep(streamId, { decider, folded });
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  private keep(streamId: string, entry: Entry): void {
    this.young.set(streamId, entry);
    if (this.young.size >= this.generationSize) {
      this.old = this.young;
      this.young = new Map();
    }
  }
}
