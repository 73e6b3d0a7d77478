export * from './position';
export * from './event-store.port';
export * from './event-store.errors';
export { PostgresEventStore, EVENTS_CHANNEL } from './postgres/postgres-event-store';
export { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
export { UpcastingEventStore } from './upcasting-event-store';
export { WakeSignal } from './wake-signal';
export { Waiters } from './waiters';
