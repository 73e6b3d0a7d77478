export * from './event-metadata';
export * from './event-envelope';
export * from './upcaster-registry';
