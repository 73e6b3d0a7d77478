export * from './decider';
export * from './command-handler';
export * from './stream-state-cache';
export * from './keyed-mutex';
