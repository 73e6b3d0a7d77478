import { createTestDatabase, testServerUrl, type TestDatabase } from '../testing/test-database';
import { PREPARED_PER_CONNECTION } from './prepared-statements';

const describeOnServer = testServerUrl() ? describe : describe.skip;

/**
 * Statements with parameters run as prepared statements of their connection (parsed once, a plan
 * the server may keep), except texts selecting `*` and new texts past a connection's budget.
 */
describeOnServer('prepared statements (PostgreSQL)', () => {
  let test: TestDatabase;
  const sql = () => test.database.sql;
  const prepared = async () =>
    sql().query<{ name: string; statement: string }>('SELECT name, statement FROM pg_prepared_statements ORDER BY prepare_time, name');

  beforeEach(async () => {
    // One connection, so every statement below runs where pg_prepared_statements looks.
    test = await createTestDatabase({ poolSize: 1 }, 'postgres');
    await sql().query('CREATE TABLE people (id int PRIMARY KEY, name text NOT NULL)');
    await sql().query("INSERT INTO people VALUES (1, 'Ada'), (2, 'Grace')");
  });
  afterEach(() => test.dispose());

  it('given a statement with parameters run twice, then its connection holds it prepared once, named by its text, and both runs answer', async () => {
    const text = 'SELECT name FROM people WHERE id = $1';

    expect(await sql().query(text, [1])).toEqual([{ name: 'Ada' }]);
    expect(await sql().query(text, [2])).toEqual([{ name: 'Grace' }]);

    const statements = (await prepared()).filter((s) => s.statement === text);
    expect(statements).toHaveLength(1);
    expect(statements[0].name).toMatch(/^ga_[0-9a-f]{40}$/);
  });

  it('given statements in a transaction and through TypeORM, then they are prepared on their connection too', async () => {
    await sql().transaction((tx) => tx.query('UPDATE people SET name = $2 WHERE id = $1', [1, 'Ada L.']));
    expect(await test.database.dataSource.query('SELECT id FROM people WHERE name = $1', ['Ada L.'])).toEqual([{ id: 1 }]);

    const texts = (await prepared()).map((s) => s.statement);
    expect(texts).toEqual(expect.arrayContaining(['UPDATE people SET name = $2 WHERE id = $1', 'SELECT id FROM people WHERE name = $1']));
  });

  it('given a column added while the connection lives, then statements naming their columns and statements selecting * both still run', async () => {
    const named = 'SELECT id, name FROM people WHERE id = $1';
    const star = 'SELECT * FROM people WHERE id = $1';
    // Past the five custom plans, so the server has a plan of its own for the prepared one.
    for (let i = 0; i < 7; i++) {
      await sql().query(named, [1]);
      await sql().query(star, [1]);
    }

    await sql().query('ALTER TABLE people ADD COLUMN email text');

    expect(await sql().query(named, [2])).toEqual([{ id: 2, name: 'Grace' }]);
    expect(await sql().query(star, [2])).toEqual([{ id: 2, name: 'Grace', email: null }]);
    const texts = (await prepared()).map((s) => s.statement);
    expect(texts).toContain(named);
    expect(texts).not.toContain(star);
  });

  it("given more new texts than a connection's budget, then the first ones are prepared, the rest run unnamed, and all answer", async () => {
    const texts = Array.from({ length: PREPARED_PER_CONNECTION + 5 }, (_, i) => `SELECT $1::int + ${i} AS n`);

    for (const [i, text] of texts.entries()) expect(await sql().query(text, [1])).toEqual([{ n: 1 + i }]);

    const held = new Set((await prepared()).map((s) => s.statement));
    // The set-up's statements have no parameters: the budget is all these texts'.
    expect(texts.filter((text) => held.has(text))).toEqual(texts.slice(0, PREPARED_PER_CONNECTION));
  });

  it('given a script without parameters, then it runs by the simple protocol, several statements at once', async () => {
    await sql().query("INSERT INTO people VALUES (3, 'Hedy'); INSERT INTO people VALUES (4, 'Katherine')");

    expect(await sql().query('SELECT count(*)::int AS n FROM people')).toEqual([{ n: 4 }]);
    expect(await prepared()).toEqual([]);
  });
});
