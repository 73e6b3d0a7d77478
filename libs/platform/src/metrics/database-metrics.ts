import { Counter } from 'prom-client';
import { metricsRegistry } from './registry';

export const databaseStatements = new Counter({
  name: 'database_statements_total',
  help: 'Statements this process sent to its database through the pool (each one is a round trip): what a request costs beyond its own CPU.',
  registers: [metricsRegistry],
});

/** One call per statement sent. */
export function recordDatabaseStatement(): void {
  databaseStatements.inc();
}
