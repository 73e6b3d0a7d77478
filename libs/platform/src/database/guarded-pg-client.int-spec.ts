import { Client } from 'pg';
import { createTestDatabase, testServerUrl, type TestDatabase } from '../testing/test-database';

/**
 * A connection checked out of the pool when the server ends its session (as a shutdown or restart
 * does) must fail the work in flight, be reported, and leave the process and the pool working.
 * Without a listener the pg client's 'error' event would end the process.
 */
const describeOnServer = testServerUrl() ? describe : describe.skip;

describeOnServer('checked-out connections whose session the server ends (PostgreSQL)', () => {
  let test: TestDatabase;
  const reported: Error[] = [];

  beforeEach(async () => {
    reported.length = 0;
    test = await createTestDatabase({ onBackgroundError: (error) => reported.push(error) }, 'postgres');
  });
  afterEach(() => test.dispose());

  async function terminate(backendPid: number): Promise<void> {
    const admin = new Client({ connectionString: test.url });
    await admin.connect();
    try {
      await admin.query('SELECT pg_terminate_backend($1)', [backendPid]);
    } finally {
      await admin.end();
    }
  }

  async function untilReported(): Promise<void> {
    for (let i = 0; i < 750 && !reported.length; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  it('given a transaction whose session is terminated while idle in it, then the transaction fails, the error is reported and the pool serves the next query', async () => {
    const outcome = test.database.sql.transaction(async (tx) => {
      const [{ pid }] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await terminate(pid);
      await untilReported();
      await tx.query('SELECT 1');
    });

    await expect(outcome).rejects.toThrow();
    expect(reported.map((e) => (e as Error & { code?: string }).code)).toContain('57P01');
    expect(await test.database.sql.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('given a TypeORM query runner whose session is terminated while it holds the connection, then its next query fails and the data source still answers', async () => {
    const runner = test.database.dataSource.createQueryRunner();
    await runner.connect();
    const [{ pid }] = (await runner.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
    await terminate(pid);
    await untilReported();

    await expect(runner.query('SELECT 1')).rejects.toThrow();
    await runner.release();
    expect(reported.map((e) => (e as Error & { code?: string }).code)).toContain('57P01');
    expect(await test.database.dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});
