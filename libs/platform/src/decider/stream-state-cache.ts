/** An aggregate's folded state as of a stream revision. */
export interface FoldedStream<State> {
  readonly state: State;
  readonly revision: number;
}

/**
 * How many streams' states a process keeps. A token revoked past its client's per-account limit
 * was issued by the same process a while before: under the refresh load of `npm run bench` (100
 * families at the limit of 25) some 5,100 other streams are written in between, so 5,000 states
 * missed every time and each refresh read the revoked token's stream back. 25,000 states cost
 * about 30 MB more at most (peak RSS of the service under that load, 378 -> 408 MB).
 */
const MAX_STREAMS = 25_000;

/**
 * The last folded state of recently written streams, so the next command on a stream reads only
 * the events after it instead of the whole history (a large organization's stream grows with every
 * member). Safe across processes: streams are append-only, and an append still carries the
 * expected revision, so a state that another process has moved past fails the append and is
 * brought forward from its revision. States are immutable values (deciders' `evolve` copies).
 */
export class StreamStateCache {
  private readonly entries = new Map<string, { decider: unknown; folded: FoldedStream<unknown> }>();

  constructor(private readonly maxStreams = MAX_STREAMS) {}

  get<State>(streamId: string, decider: unknown): FoldedStream<State> | undefined {
    const entry = this.entries.get(streamId);
    if (!entry || entry.decider !== decider) return undefined;
    // Most recently used last: the first key is the one to drop.
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return entry.folded as FoldedStream<State>;
  }

  set<State>(streamId: string, decider: unknown, folded: FoldedStream<State>): void {
    this.entries.delete(streamId);
    if (this.entries.size >= this.maxStreams) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(streamId, { decider, folded });
  }

  get size(): number {
    return this.entries.size;
  }
}
