import { createTestDatabase, eventStoreContract, testServerUrl } from '../../testing';
import { PostgresEventStore } from './postgres-event-store';

for (const kind of ['pglite', 'postgres'] as const) {
  const describeIfAvailable = kind === 'postgres' && !testServerUrl() ? describe.skip : describe;
  describeIfAvailable(`event store contract on ${kind}`, () => {
    eventStoreContract(async () => {
      const test = await createTestDatabase({}, kind);
      const open = () => PostgresEventStore.open({ sql: test.database.sql, notifications: test.database.notifications });
      const store = await open();
      const reopened: PostgresEventStore[] = [];
      return {
        store,
        reopen: async () => {
          const next = await open();
          reopened.push(next);
          return next;
        },
        dispose: async () => {
          await store.close();
          for (const r of reopened) await r.close();
          await test.dispose();
        },
      };
    });
  });
}
