import type { SqlRunner } from '../database/sql';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { RowBuffer, type BufferedTable } from './row-buffer';

const PEOPLE: BufferedTable = { table: 'people', columns: { id: 'int', name: 'text', born: 'timestamptz' }, key: ['id'] };
const SCORES: BufferedTable = { table: 'scores', columns: { id: 'int', game: 'text', points: 'int', ok: 'boolean' }, key: ['id', 'game'], update: ['points', 'ok'] };

describe('RowBuffer (a batch of inserts, one statement per table)', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase({}, 'pglite');
    await test.database.sql.query('CREATE TABLE people (id int PRIMARY KEY, name text, born timestamptz)');
    await test.database.sql.query('CREATE TABLE scores (id int, game text, points int NOT NULL, ok boolean, PRIMARY KEY (id, game))');
  });
  afterAll(() => test.dispose());

  beforeEach(async () => {
    await test.database.sql.query('TRUNCATE people, scores');
  });

  const all = (table: string) => test.database.sql.query(`SELECT * FROM ${table} ORDER BY 1, 2`);

  it('writes the same rows as inserting one by one: first row stays, or last row wins an upsert', async () => {
    await test.database.sql.query(`INSERT INTO people VALUES (1, 'already here', NULL)`);
    await test.database.sql.query(`INSERT INTO scores VALUES (1, 'chess', 1, false)`);
    const rows = new RowBuffer([PEOPLE, SCORES]);
    rows.add(PEOPLE, { id: 1, name: 'ignored: the row exists', born: null });
    rows.add(PEOPLE, { id: 2, name: 'Ann', born: '2001-02-03T04:05:06.000Z' });
    rows.add(PEOPLE, { id: 2, name: 'ignored: a second row for 2', born: null });
    rows.add(SCORES, { id: 1, game: 'chess', points: 5, ok: true });
    rows.add(SCORES, { id: 2, game: 'go', points: 7, ok: false });
    rows.add(SCORES, { id: 2, game: 'go', points: 9, ok: true });
    await rows.flush(test.database.sql);

    const people = (await all('people')) as { id: number; name: string; born: Date | null }[];
    expect(people.map(({ id, name }) => [id, name])).toEqual([
      [1, 'already here'],
      [2, 'Ann'],
    ]);
    expect(new Date(people[1].born!).toISOString()).toBe('2001-02-03T04:05:06.000Z');
    expect(await all('scores')).toEqual([
      { id: 1, game: 'chess', points: 5, ok: true },
      { id: 2, game: 'go', points: 9, ok: true },
    ]);
  });

  it('sends one statement per table with rows, and nothing once flushed', async () => {
    const sent: string[] = [];
    const counting: SqlRunner = {
      query: <T extends object>(sql: string, params?: unknown[]) => {
        sent.push(sql);
        return test.database.sql.query<T>(sql, params);
      },
    };
    const rows = new RowBuffer([PEOPLE, SCORES]);
    for (let id = 0; id < 50; id++) rows.add(PEOPLE, { id, name: `p${id}`, born: null });
    await rows.flush(counting);
    await rows.flush(counting);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('INSERT INTO people');
    expect((await all('people')).length).toBe(50);
  });

  it('refuses a table it was not given', () => {
    expect(() => new RowBuffer([PEOPLE]).add(SCORES, { id: 1 })).toThrow('scores is not a table of this buffer');
  });
});
