import { describeOnEachDatabase } from '../testing/test-event-store';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';

/**
 * `onQuery` hears of every statement the pool sends, whichever way it goes: the platform's SQL,
 * its transactions, TypeORM. The `database_statements_total` metric is built on it (round trips
 * per request are what a write costs on a busy machine).
 */
describeOnEachDatabase(
  (kind) => `statements counted by the database's onQuery (${kind})`,
  (kind) => {
    let test: TestDatabase;
    let sent = 0;

    beforeAll(async () => {
      test = await createTestDatabase({ onQuery: () => sent++ }, kind);
    });
    afterAll(() => test.dispose());

    async function counted(work: () => Promise<unknown>): Promise<number> {
      const before = sent;
      await work();
      return sent - before;
    }

    it('given one query through the platform SQL, then one statement is counted', async () => {
      expect(await counted(() => test.database.sql.query('SELECT 1'))).toBe(1);
    });

    it('given a transaction of two statements, then its begin and commit are counted too', async () => {
      const statements = await counted(() =>
        test.database.sql.transaction(async (tx) => {
          await tx.query('SELECT 1');
          await tx.query('SELECT 2');
        }),
      );
      expect(statements).toBe(4);
    });

    it('given three TypeORM queries, then three statements are counted', async () => {
      expect(await counted(async () => {
        for (let i = 0; i < 3; i++) await test.database.dataSource.query('SELECT $1::int AS n', [i]);
      })).toBe(3);
    });
  },
);
