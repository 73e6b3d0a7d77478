import { randomUUID } from 'node:crypto';
import type { DomainEvent, EventToAppend } from '../events/event-envelope';
import type { EventMetadata } from '../events/event-metadata';
import { StreamNotFoundError, WrongExpectedRevisionError } from '../event-store/event-store.errors';
import type { EventStore, ExpectedRevision, RecordedEvent } from '../event-store/event-store.port';
import type { Position } from '../event-store/position';
import type { Decider } from './decider';
import type { FoldedStream, StreamStateCache } from './stream-state-cache';

export interface CommandOutcome<State, Event extends DomainEvent> {
  /** The events this command appended (empty when it changed nothing). */
  readonly events: Event[];
  /** The aggregate's state after the command. */
  readonly state: State;
  /** The stream's revision after the command; -1 when the stream does not exist. */
  readonly revision: number;
  /** Where the appended events are in the global order; undefined when nothing was appended. */
  readonly position: Position | undefined;
}

export interface HandleOptions {
  /** Builds each event's metadata (request id, actor, schema version...). */
  metadata: (event: DomainEvent) => EventMetadata;
  /** How many times to re-read and re-decide after losing a race to another writer (default 10). */
  maxRetries?: number;
  /** Called with the position of every successful append (read-your-writes bookkeeping). */
  onAppended?: (position: Position) => void;
  /** Folded states of recently written streams: decided on without a read (see handleCommand). */
  stateCache?: StreamStateCache;
  /** The caller expects the stream not to exist yet (a fresh id): decide on the initial state without a read. */
  expectNew?: boolean;
}

/**
 * Read, fold, decide, append with the expected revision; on a concurrent write, do it all again
 * with the fresh history (bounded). Never overwrites silently.
 *
 * When the state is known without a read (this process folded the stream last, or the caller
 * expects a new stream), the first decision is made on it and appended at its revision: a
 * successful append proves that state was current, and saves the read. A decision on it that
 * fails, appends nothing, or loses the append is made again from a fresh read, since only an
 * append checks the revision.
 */
export async function handleCommand<State, Command, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<State, Command, Event>,
  command: Command,
  options: HandleOptions,
): Promise<CommandOutcome<State, Event>> {
  const known = options.stateCache?.get<State>(streamId, decider) ?? (options.expectNew ? { state: decider.initialState(), revision: -1 } : undefined);
  const unread = known && (await decideWithoutReading(store, streamId, decider, command, known, options));
  return unread || decideOnHistory(store, streamId, decider, command, options);
}

async function decideWithoutReading<State, Command, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<State, Command, Event>,
  command: Command,
  known: FoldedStream<State>,
  options: HandleOptions,
): Promise<CommandOutcome<State, Event> | undefined> {
  let events: Event[];
  try {
    events = decider.decide(command, known.state);
  } catch {
    return undefined;
  }
  if (events.length === 0) return undefined;
  try {
    return await appendDecided(store, streamId, decider, events, known, options);
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError) return undefined;
    throw error;
  }
}

async function appendDecided<State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<State, unknown, Event>,
  events: Event[],
  folded: FoldedStream<State>,
  options: HandleOptions,
): Promise<CommandOutcome<State, Event>> {
  const expectedRevision: ExpectedRevision = folded.revision < 0 ? 'no_stream' : folded.revision;
  const result = await store.appendToStream(streamId, events.map((event) => toAppend(event, options.metadata)), { expectedRevision });
  options.onAppended?.(result.position);
  let state = folded.state;
  for (const event of events) state = decider.evolve(state, event);
  options.stateCache?.set(streamId, decider, { state, revision: result.nextExpectedRevision });
  return { events, state, revision: result.nextExpectedRevision, position: result.position };
}

async function decideOnHistory<State, Command, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<State, Command, Event>,
  command: Command,
  options: HandleOptions,
): Promise<CommandOutcome<State, Event>> {
  const maxRetries = options.maxRetries ?? 10;
  const cache = options.stateCache;
  for (let attempt = 0; ; attempt++) {
    const { state, revision } = await foldStream(store, streamId, decider, cache);
    const events = decider.decide(command, state);
    if (events.length === 0) return { events, state, revision, position: undefined };
    try {
      return await appendDecided(store, streamId, decider, events, { state, revision }, options);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= maxRetries) throw error;
      await contentionPause(attempt);
    }
  }
}

/**
 * Writers that keep colliding on one hot stream back off for a short, random, growing while, so
 * they stop re-reading in lockstep.
 */
function contentionPause(attempt: number): Promise<void> {
  const ceilingMs = Math.min(2 ** attempt * 2, 100);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceilingMs));
}

/** The stream's state folded from what is known (the cache) and the events after it. */
export async function foldStream<State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<State, unknown, Event>,
  cache?: StreamStateCache,
): Promise<FoldedStream<State>> {
  const cached = cache?.get<State>(streamId, decider);
  let state = cached ? cached.state : decider.initialState();
  let revision = cached ? cached.revision : -1;
  for (const event of await readHistory(store, streamId, revision + 1)) {
    state = decider.evolve(state, event as unknown as Event);
    revision = event.revision;
  }
  cache?.set(streamId, decider, { state, revision });
  return { state, revision };
}

async function readHistory(store: EventStore, streamId: string, fromRevision: number): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(streamId, fromRevision > 0 ? { fromRevision } : {});
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}

export function toAppend(event: DomainEvent, metadata: (event: DomainEvent) => EventMetadata): EventToAppend {
  return { id: randomUUID(), type: event.type, data: event.data, metadata: metadata(event) };
}
