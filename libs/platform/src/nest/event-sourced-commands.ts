import { Inject, Injectable } from '@nestjs/common';
import { actorOf, recordWrite, type RequestContext } from '../context/request-context';
import type { Decider } from '../decider/decider';
import { handleCommand, type CommandOutcome } from '../decider/command-handler';
import { KeyedMutex } from '../decider/keyed-mutex';
import { StagedAppends } from '../decider/staged-appends';
import { StreamStateCache } from '../decider/stream-state-cache';
import type { DomainEvent } from '../events/event-envelope';
import { SYSTEM_ACTOR, type EventMetadata } from '../events/event-metadata';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import type { Position } from '../event-store/position';

/**
 * Runs deciders against the event store for application-layer command handlers: metadata comes
 * from the request the command was sent within (its context), and every append is recorded there
 * so the reply waits for the read models.
 * In this process, commands on one stream run one after another, each starting from the state the
 * previous one left (only newer events, from other processes, are read).
 */
@Injectable()
export class EventSourcedCommands {
  private readonly streams = new KeyedMutex();
  private readonly states = new StreamStateCache();
  /** The unit of work each request is running, if any (`together`). */
  private readonly unitsOfWork = new WeakMap<RequestContext, StagedAppends>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * Runs `work` (commands on several streams: an account, its email, its organization, sent within
   * `context`) as one unit: its commands are decided on states this process knows where they can be, and all their
   * events are written by one all-or-nothing append at the end. If a decision cannot be trusted
   * without reading, work throws, or a stream moved on meanwhile, nothing is written and `work`
   * runs again the ordinary way (each command reads what it must and appends on its own), so the
   * outcome is the one that would have been. `work` must be safe to run twice up to its appends.
   * Streams shared with other work should be touched in the same order (they are held until the
   * end). A store without appendToStreams, or work outside a request, simply runs the ordinary way.
   * The request's commands must not run concurrently with `work`: they would join its unit.
   */
  async together<T>(context: RequestContext | undefined, work: () => Promise<T>): Promise<T> {
    if (!this.store.appendToStreams || !context || this.unitsOfWork.has(context)) return work();
    const staged = new StagedAppends(this.store, this.streams, this.states);
    let done: { result: T; position: Position | undefined } | undefined;
    this.unitsOfWork.set(context, staged);
    try {
      const result = await work();
      done = { result, position: await staged.commit() };
    } catch {
      // Nothing was written: the ordinary run decides again on what it reads, and throws what is real.
      done = undefined;
    } finally {
      this.unitsOfWork.delete(context);
      staged.release();
    }
    if (!done) return work();
    if (done.position) recordWrite(context, done.position);
    return done.result;
  }

  execute<State, Command, Event extends DomainEvent>(
    streamId: string,
    decider: Decider<State, Command, Event>,
    command: Command,
    options: {
      schemaVersions?: Partial<Record<Event['type'], number>>;
      /** The stream is expected not to exist yet (a fresh id): its first decision needs no read. */
      expectNew?: boolean;
      /** The request the command was sent within (required, so that none is forgotten): undefined for the service's own commands. */
      context: RequestContext | undefined;
    },
  ): Promise<CommandOutcome<State, Event>> {
    // One command's events share the request's metadata and moment: worked out once, at the first event.
    let shared: EventMetadata | undefined;
    const metadata = (event: DomainEvent): EventMetadata => {
      shared ??= metadataFromRequest(options.context);
      return { ...shared, schemaVersion: (options.schemaVersions as Record<string, number> | undefined)?.[event.type] ?? 1 };
    };
    const context = options.context;
    const staged = context && this.unitsOfWork.get(context);
    if (staged) return staged.decide(streamId, decider, command, { metadata, expectNew: options.expectNew });
    return this.streams.run(streamId, () =>
      handleCommand(this.store, streamId, decider, command, {
        metadata,
        onAppended: (position) => recordWrite(context, position),
        stateCache: this.states,
        expectNew: options.expectNew,
      }),
    );
  }
}

/** Event metadata for a request (or for the service itself, outside any request). */
export function metadataFromRequest(context: RequestContext | undefined, schemaVersion = 1, now: Date = new Date()): EventMetadata {
  const requestId = context?.requestId ?? SYSTEM_ACTOR;
  const metadata: EventMetadata = {
    schemaVersion,
    correlationId: context?.correlationId ?? requestId,
    causationId: requestId,
    actorId: actorOf(context),
    requestId,
    occurredAt: now.toISOString(),
  };
  // Assigned, not spread in: spreading conditional objects into a literal took a slow path on every event.
  if (context?.clientId) metadata.clientId = context.clientId;
  if (context?.patId) metadata.patId = context.patId;
  return metadata;
}
