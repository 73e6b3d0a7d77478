import { Inject, Injectable } from '@nestjs/common';
import { currentRequestContext, recordWrite } from '../context/request-context';
import type { Decider } from '../decider/decider';
import { handleCommand, type CommandOutcome } from '../decider/command-handler';
import { KeyedMutex } from '../decider/keyed-mutex';
import { StreamStateCache } from '../decider/stream-state-cache';
import type { DomainEvent } from '../events/event-envelope';
import { SYSTEM_ACTOR, type EventMetadata } from '../events/event-metadata';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';

/**
 * Runs deciders against the event store for application-layer command handlers: metadata comes
 * from the request being served, and every append is recorded so the reply waits for the read models.
 * In this process, commands on one stream run one after another, each starting from the state the
 * previous one left (only newer events, from other processes, are read).
 */
@Injectable()
export class EventSourcedCommands {
  private readonly streams = new KeyedMutex();
  private readonly states = new StreamStateCache();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute<State, Command, Event extends DomainEvent>(
    streamId: string,
    decider: Decider<State, Command, Event>,
    command: Command,
    options: {
      schemaVersions?: Partial<Record<Event['type'], number>>;
      /** The stream is expected not to exist yet (a fresh id): its first decision needs no read. */
      expectNew?: boolean;
    } = {},
  ): Promise<CommandOutcome<State, Event>> {
    return this.streams.run(streamId, () =>
      handleCommand(this.store, streamId, decider, command, {
        metadata: (event) => metadataFromRequest((options.schemaVersions as Record<string, number> | undefined)?.[event.type] ?? 1),
        onAppended: recordWrite,
        stateCache: this.states,
        expectNew: options.expectNew,
      }),
    );
  }
}

/** Event metadata for the current request (or for the service itself, outside any request). */
export function metadataFromRequest(schemaVersion = 1, now: Date = new Date()): EventMetadata {
  const context = currentRequestContext();
  const requestId = context?.requestId ?? SYSTEM_ACTOR;
  return {
    schemaVersion,
    correlationId: context?.correlationId ?? requestId,
    causationId: requestId,
    actorId: context?.actorId ?? SYSTEM_ACTOR,
    requestId,
    occurredAt: now.toISOString(),
    ...(context?.clientId ? { clientId: context.clientId } : {}),
    ...(context?.patId ? { patId: context.patId } : {}),
  };
}
