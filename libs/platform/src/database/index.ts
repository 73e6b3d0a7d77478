export * from './sql';
export * from './pg-like-pool';
export * from './database';
export { PglitePool, startInMemoryDatabasesFrom } from './pglite-pool';
export { AsyncMutex } from './async-mutex';
export { SqlScript } from './sql-script';
export { inlineParameters, sqlLiteral } from './sql-literals';
export { KeyedBatches } from './keyed-batches';
