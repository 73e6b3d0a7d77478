import { PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { createTestDatabase, testServerUrl, type TestDatabase } from './test-database';

export type DatabaseKind = 'pglite' | 'postgres';

/** Defines `suite` once on the embedded database and once on PostgreSQL (skipped when no server is configured). */
export function describeOnEachDatabase(title: (kind: DatabaseKind) => string, suite: (kind: DatabaseKind) => void): void {
  for (const kind of ['pglite', 'postgres'] as const) {
    const describeIfAvailable = kind === 'postgres' && !testServerUrl() ? describe.skip : describe;
    describeIfAvailable(title(kind), () => suite(kind));
  }
}

export interface TestEventStore {
  readonly test: TestDatabase;
  readonly store: PostgresEventStore;
  dispose(): Promise<void>;
}

/** A fresh database of the kind with the PostgreSQL event store (its schema) on it. */
export async function openTestEventStore(kind: DatabaseKind): Promise<TestEventStore> {
  const test = await createTestDatabase({}, kind);
  const store = await PostgresEventStore.open({ sql: test.database.sql, notifications: test.database.notifications });
  return {
    test,
    store,
    dispose: async () => {
      await store.close();
      await test.dispose();
    },
  };
}
