import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { describeOnEachDatabase } from '../testing/test-event-store';
import { isChangeSignalTrigger } from '../read-model-cache/change-signal-triggers';
import { swapTableIn } from './table-swap';

describeOnEachDatabase(
  (kind) => `swapTableIn (a rebuilt table takes the live one's place) on ${kind}`,
  (kind) => {
    let test: TestDatabase;
    const sql = () => test.database.sql;

    beforeAll(async () => {
      test = await createTestDatabase({}, kind);
      // A table as a migration makes one: names of its own, a trigger, a statistics target, a storage parameter.
      await sql().query(`CREATE TABLE things (id int, code text NOT NULL, note jsonb, CONSTRAINT things_by_id PRIMARY KEY (id), CONSTRAINT things_code_once UNIQUE (code))`);
      await sql().query('CREATE INDEX things_note_lookup ON things ((note->>$$kind$$))');
      await sql().query('CREATE INDEX things_code_lookup ON things (code DESC)');
      await sql().query('ALTER TABLE things ALTER COLUMN note SET STATISTICS 0');
      await sql().query('ALTER TABLE things SET (fillfactor = 90)');
      await sql().query('CREATE TABLE touches (n int)');
      await sql().query(`CREATE FUNCTION count_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO touches VALUES (1); RETURN NULL; END $$`);
      await sql().query('CREATE TRIGGER things_touched AFTER UPDATE ON things FOR EACH STATEMENT EXECUTE FUNCTION count_touch()');
      await sql().query(`INSERT INTO things VALUES (1, 'old', '{"kind":"old"}')`);

      await sql().query('CREATE SCHEMA fresh');
      await sql().query('CREATE TABLE fresh.things (LIKE public.things INCLUDING ALL)');
      await sql().query(`INSERT INTO fresh.things VALUES (2, 'new', '{"kind":"new"}'), (3, 'newer', NULL)`);
    });
    afterAll(() => test?.dispose());

    const indexNames = async () =>
      ((await sql().query(`SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'things' ORDER BY 1`)) as { indexname: string }[]).map(
        (row) => row.indexname,
      );

    it('leaves the fresh rows in a table the migrations would recognise', async () => {
      const before = await indexNames();
      expect(before).toEqual(['things_by_id', 'things_code_lookup', 'things_code_once', 'things_note_lookup']);

      const triggers = await test.database.dataSource.transaction((tx) => swapTableIn(tx, 'fresh', 'things'));

      expect(triggers).toEqual([expect.stringContaining('CREATE TRIGGER things_touched AFTER UPDATE ON public.things')]);
      expect(triggers.some(isChangeSignalTrigger)).toBe(false);
      expect(await sql().query('SELECT id, code FROM things ORDER BY id')).toEqual([
        { id: 2, code: 'new' },
        { id: 3, code: 'newer' },
      ]);
      expect(await indexNames()).toEqual(before);
      const constraints = (await sql().query(`SELECT conname FROM pg_constraint WHERE conrelid = 'public.things'::regclass AND contype IN ('p', 'u') ORDER BY 1`)) as { conname: string }[];
      expect(constraints.map((row) => row.conname)).toEqual(['things_by_id', 'things_code_once']);
      // The carried constraints still hold, and the trigger still fires.
      await expect(sql().query(`INSERT INTO things VALUES (4, 'new', NULL)`)).rejects.toThrow(/things_code_once/);
      await sql().query(`UPDATE things SET code = 'renewed' WHERE id = 2`);
      expect(await sql().query('SELECT count(*)::int AS n FROM touches')).toEqual([{ n: 1 }]);
      const [table] = (await sql().query(`SELECT relpersistence, reloptions FROM pg_class WHERE oid = 'public.things'::regclass`)) as { relpersistence: string; reloptions: string[] }[];
      expect(table).toEqual({ relpersistence: 'p', reloptions: ['fillfactor=90'] });
      const [note] = (await sql().query(`SELECT attstattarget AS target FROM pg_attribute WHERE attrelid = 'public.things'::regclass AND attname = 'note'`)) as { target: number }[];
      expect(Number(note.target)).toBe(0);
      expect(await sql().query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'fresh'`)).toEqual([{ n: 0 }]);
    });

    it('refuses a fresh table whose indexes are not the live ones, changing nothing', async () => {
      await sql().query('CREATE TABLE fresh.things (LIKE public.things INCLUDING ALL)');
      await sql().query('CREATE INDEX things_extra ON fresh.things (id, code)');
      await expect(test.database.dataSource.transaction((tx) => swapTableIn(tx, 'fresh', 'things'))).rejects.toThrow(/index the live table lacks/);
      expect(await sql().query('SELECT id FROM things ORDER BY id')).toEqual([{ id: 2 }, { id: 3 }]);
      expect(await sql().query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'fresh'`)).toEqual([{ n: 1 }]);
    });
  },
);
