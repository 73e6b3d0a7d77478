import { createTestDatabase, testServerUrl, type TestDatabase } from '../testing/test-database';

const describeOnServer = testServerUrl() ? describe : describe.skip;

/**
 * Statements outside a transaction run on a pooled connection. A statement the server refuses
 * (a unique violation is how an append learns of a concurrent writer) must leave the connection
 * in the pool: closing it made every conflict cost a new server process. A connection whose
 * session ended must still be replaced.
 */
describeOnServer('pooled statements (PostgreSQL)', () => {
  let test: TestDatabase;
  const sql = () => test.database.sql;
  const backend = async () => (await sql().query<{ pid: number }>('SELECT pg_backend_pid() AS pid'))[0].pid;

  beforeEach(async () => {
    // One connection: the statement after the refusal can only run on the same one, or a new one.
    test = await createTestDatabase({ poolSize: 1, onBackgroundError: () => undefined }, 'postgres');
    await sql().query('CREATE TABLE once (id int PRIMARY KEY)');
    await sql().query('INSERT INTO once VALUES (1)');
  });
  afterEach(() => test.dispose());

  it('given a statement refused with a unique violation, then the error reaches the caller and the connection is kept', async () => {
    const before = await backend();

    await expect(sql().query('INSERT INTO once VALUES (1)')).rejects.toMatchObject({ code: '23505' });
    await expect(sql().query('INSERT INTO once VALUES ($1)', [1])).rejects.toMatchObject({ code: '23505' });

    expect(await backend()).toBe(before);
  });

  it('given a statement that ends its own session (FATAL), then the connection is discarded and the next statement runs on a new one', async () => {
    const before = await backend();

    await expect(sql().query('SELECT pg_terminate_backend(pg_backend_pid())')).rejects.toMatchObject({ code: '57P01' });

    expect(await backend()).not.toBe(before);
  });
});
