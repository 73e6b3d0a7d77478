export * from './cache-coherence';
export * from './coherent-cache';
export * from './change-signal-triggers';
