export * from './test-database';
export * from './event-factory';
export * from './event-store.contract';
export * from './given-when-then';
export * from './test-runtime';
