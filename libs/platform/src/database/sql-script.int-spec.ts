import { describeOnEachDatabase } from '../testing/test-event-store';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import fc from 'fast-check';
import { escapeLiteral } from 'pg';
import { inlineParameters, sqlLiteral } from './sql-literals';
import { SqlScript } from './sql-script';

const COLUMNS = 'label, words, amount, big, flag, doc, tags, id, at, bytes';
const INSERT = `INSERT INTO kinds (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::text[], $8, $9, $10)`;

/** Values a projection writes, with the characters that break careless quoting. */
const awkward = [
  "it's \\ a 'quote' \\' and $1 and $$ and ; DROP TABLE kinds; --",
  -42,
  '9007199254740993',
  true,
  { name: "O'Brien \\ \"q\"", emoji: '🔑', nested: [1, null, 'x\ny'] },
  ['a', 'b,c', 'd"e', "f'g", 'h\\i', null],
  '6f1c7f8e-9a4b-4c3d-8e2f-1a2b3c4d5e6f',
  new Date('2026-11-29T12:34:56.789Z'),
  Buffer.from([0, 1, 2, 0x27, 0x5c, 255]),
];

describeOnEachDatabase(
  (kind) => `statements sent as one script on ${kind}`,
  (kind) => {
    let test: TestDatabase;
    const sql = () => test.database.sql;
    const rows = (label: string) => sql().query(`SELECT ${COLUMNS.replace('label, ', '')} FROM kinds WHERE label = $1`, [label]);

    beforeEach(async () => {
      test = await createTestDatabase({}, kind);
      await sql().query(`CREATE TABLE kinds (
        label text PRIMARY KEY, words text, amount integer, big bigint, flag boolean, doc jsonb, tags text[], id uuid, at timestamptz, bytes bytea)`);
    });
    afterEach(() => test.dispose());

    it('given values inlined as literals, then the rows read back exactly as the same values sent as parameters', async () => {
      await sql().query(INSERT, ['as parameters', ...awkward]);
      const script = new SqlScript();
      await script.query(INSERT, ['as literals', ...awkward]);

      await sql().query(script.text);

      const [byParameters] = await rows('as parameters');
      const [byLiterals] = await rows('as literals');
      expect(byLiterals).toEqual(byParameters);
      expect(byLiterals).toMatchObject({ words: awkward[0], doc: awkward[4], tags: awkward[5] });
    });

    it('given a script whose last statement fails, then none of its statements apply', async () => {
      const script = new SqlScript();
      await script.query(INSERT, ['first', ...awkward]);
      await script.query('UPDATE kinds SET amount = amount + $1', [1]);
      await script.query(INSERT, ['first', ...awkward]);
      expect(script.size).toBe(3);

      await expect(sql().query(script.text)).rejects.toMatchObject({ code: '23505' });

      expect(await sql().query('SELECT label FROM kinds')).toEqual([]);
    });
  },
);

describe('a script', () => {
  it('answers a statement with nothing that can be read, so a read slipped into it fails instead of finding nothing', async () => {
    const script = new SqlScript();
    const answer = await script.query('SELECT key FROM keys WHERE id = $1', ['a']);
    expect(() => answer.length).toThrow('has not run');
    expect(() => [...answer]).toThrow('has not run');
    expect(script.size).toBe(1);
  });
});

describe('inlining parameters', () => {
  it('replaces each $n by its own value, $10 and over included', () => {
    const params = Array.from({ length: 11 }, (_, i) => `v${i + 1}`);
    expect(inlineParameters('SELECT $1, $10, $11, $2', params)).toBe("SELECT 'v1', 'v10', 'v11', 'v2'");
  });

  it('quotes any text exactly as node-postgres escapeLiteral does', () => {
    const awkwardText = fc.string({ unit: fc.constantFrom("'", '\\', '$', '1', 'E', ' ', 'é', '🔑', '"', ';') });
    fc.assert(fc.property(fc.oneof(awkwardText, fc.string({ unit: 'grapheme' })), (text) => sqlLiteral(text) === escapeLiteral(text)));
  });

  it('writes null, undefined and numbers as SQL literals', () => {
    expect(inlineParameters('VALUES ($1, $2, $3)', [null, undefined, 1.5])).toBe("VALUES (NULL, NULL, '1.5')");
  });

  it('refuses a statement that refers to a parameter it was not given', () => {
    expect(() => inlineParameters('SELECT $1, $2', ['only one'])).toThrow('$2');
    expect(() => inlineParameters('SELECT $0', ['x'])).toThrow('$0');
  });
});
