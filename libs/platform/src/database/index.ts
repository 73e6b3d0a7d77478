export * from './sql';
export * from './pg-like-pool';
export * from './database';
export { PglitePool, startInMemoryDatabasesFrom } from './pglite-pool';
export { AsyncMutex } from './async-mutex';
