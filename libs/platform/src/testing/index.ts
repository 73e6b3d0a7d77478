export * from './test-database';
export * from './event-factory';
export * from './event-store.contract';
export * from './given-when-then';
export * from './test-runtime';
export * from './counter-decider';
export * from './test-event-store';
export * from './settled-log';
