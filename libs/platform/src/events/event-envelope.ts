import type { EventMetadata } from './event-metadata';

/** A domain event as deciders produce it: a past-tense type and JSON data. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/** An event on its way into the store. */
export interface EventToAppend<E extends DomainEvent = DomainEvent> {
  /** Unique id of this event (a UUID). */
  readonly id: string;
  readonly type: E['type'];
  readonly data: E['data'];
  readonly metadata: EventMetadata;
}
