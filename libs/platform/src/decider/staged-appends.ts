import type { DomainEvent, EventToAppend } from '../events/event-envelope';
import type { EventStore, StreamAppend } from '../event-store/event-store.port';
import type { Position } from '../event-store/position';
import { comparePositions } from '../event-store/position';
import { foldStream, toAppend, type CommandOutcome, type HandleOptions } from './command-handler';
import type { Decider } from './decider';
import type { KeyedMutex } from './keyed-mutex';
import type { FoldedStream, StreamStateCache } from './stream-state-cache';

interface StagedStream {
  readonly decider: unknown;
  readonly expectedRevision: number;
  readonly events: EventToAppend[];
  folded: FoldedStream<unknown>;
  /** Whether its state was read from the store (else the append will prove it). */
  readonly read: boolean;
  /** The events its first command decided on the known state, when that decision chose the state: not decided twice. */
  firstDecision?: readonly DomainEvent[];
}

/** A decision on a state not read that refused or changed nothing: the work must run the ordinary way. */
export class DecidedOnUnreadState extends Error {
  constructor(streamId: string) {
    super(`a decision on ${streamId} needs its history read`);
  }
}

/** What the command decides on the state, if it decides to append something (a refusal or nothing: undefined). */
function appendsDecided<State, Command, Event extends DomainEvent>(decider: Decider<State, Command, Event>, command: Command, state: State): Event[] | undefined {
  try {
    const events = decider.decide(command, state);
    return events.length > 0 ? events : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The commands of one unit of work (EventSourcedCommands.together), decided but not yet
 * appended: each stream's events wait here, and its state moves on as if they were written, so
 * a later command of the same work decides on it. `commit` writes them all in one append.
 * A stream is held (its mutex) from its first command to the end of the work, so commands of
 * this process queue behind it instead of colliding with it.
 */
export class StagedAppends {
  private readonly streams = new Map<string, StagedStream>();
  private readonly releases: (() => void)[] = [];

  constructor(
    private readonly store: EventStore,
    private readonly mutex: KeyedMutex,
    private readonly cache: StreamStateCache,
  ) {}

  async decide<State, Command, Event extends DomainEvent>(
    streamId: string,
    decider: Decider<State, Command, Event>,
    command: Command,
    options: Pick<HandleOptions, 'metadata' | 'expectNew'>,
  ): Promise<CommandOutcome<State, Event>> {
    const staged = this.streams.get(streamId) ?? (await this.begin(streamId, decider, command, options));
    if (staged.decider !== decider) throw new Error(`${streamId} is decided by two deciders in one unit of work`);
    let events: Event[];
    try {
      // Deciders are pure: the decision begin() made on this very state and command stands.
      events = (staged.firstDecision as Event[] | undefined) ?? decider.decide(command, staged.folded.state as State);
      staged.firstDecision = undefined;
    } catch (error) {
      // Only a decision that appends is checked (by the append): a refusal on a state not read may be wrong.
      if (!staged.read) throw new DecidedOnUnreadState(streamId);
      throw error;
    }
    if (events.length === 0 && !staged.read) throw new DecidedOnUnreadState(streamId);
    let state = staged.folded.state as State;
    for (const event of events) state = decider.evolve(state, event);
    staged.folded = { state, revision: staged.folded.revision + events.length };
    staged.events.push(...events.map((event) => toAppend(event, options.metadata)));
    return { events, state, revision: staged.folded.revision, position: undefined };
  }

  /**
   * Holds the stream and takes its state: the one this process folded last or, for a stream
   * expected to be new, the initial state, if the first decision on it appends something;
   * otherwise the state read from the store.
   */
  private async begin<State, Command, Event extends DomainEvent>(
    streamId: string,
    decider: Decider<State, Command, Event>,
    command: Command,
    options: Pick<HandleOptions, 'expectNew'>,
  ): Promise<StagedStream> {
    this.releases.push(await this.mutex.acquire(streamId));
    const known = this.cache.get<State>(streamId, decider) ?? (options.expectNew ? { state: decider.initialState(), revision: -1 } : undefined);
    const decided = known === undefined ? undefined : appendsDecided(decider, command, known.state);
    const appendsOnKnown = decided !== undefined;
    const folded = appendsOnKnown ? known! : await foldStream(this.store, streamId, decider, this.cache);
    const staged: StagedStream = { decider, expectedRevision: folded.revision, events: [], folded, read: !appendsOnKnown, firstDecision: decided };
    this.streams.set(streamId, staged);
    return staged;
  }

  /** Appends everything staged at once; resolves the last position written (undefined: nothing was). */
  async commit(): Promise<Position | undefined> {
    const appends: StreamAppend[] = [...this.streams]
      .filter(([, staged]) => staged.events.length > 0)
      .map(([streamId, staged]) => ({ streamId, events: staged.events, expectedRevision: staged.expectedRevision < 0 ? 'no_stream' : staged.expectedRevision }));
    if (appends.length === 0) return undefined;
    const results = await this.store.appendToStreams!(appends);
    for (const [i, append] of appends.entries()) {
      const staged = this.streams.get(append.streamId)!;
      this.cache.set(append.streamId, staged.decider, { state: staged.folded.state, revision: results[i].nextExpectedRevision });
    }
    return results.map((r) => r.position).reduce((a, b) => (comparePositions(a, b) >= 0 ? a : b));
  }

  /** Lets go of the streams, whatever happened. */
  release(): void {
    for (const release of this.releases.splice(0)) release();
  }
}
