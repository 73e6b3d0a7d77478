import { describeOnEachDatabase, explainAnalyzed, openTestEventStore, type PlanNode, type TestDatabase, type TestEventStore } from '../../testing';
import type { SqlDatabase } from '../../database/sql';
import { PostgresEventStore } from './postgres-event-store';
import { COUNT_AFTER, PLANNED_ONCE_UP_TO, READ_ALL_AFTER, SETTLED_EVENTS_AFTER, UNSETTLED_AFTER } from './read-statements';

const TRANSACTIONS = 200;
const EVENTS_PER_TRANSACTION = 100;

/**
 * Rows the plan's scans of the log looked at: those they returned and those their filters threw
 * away (the settled horizon's look at the server's backends is not a scan of the log).
 */
function rowsScanned(node: PlanNode): number {
  const ofTheLog = node['Node Type'].endsWith('Scan') && node['Node Type'] !== 'Function Scan' && !node['Relation Name']?.startsWith('pg_');
  const own = ofTheLog ? (node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0) : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsScanned(child), 0);
}

/**
 * Reads from a position near the head (every subscription's tail read and "anything unsettled?"
 * check, the readiness lag) must cost the same in a log of any size, also before PostgreSQL has
 * statistics of the table (a new deployment, the embedded database): without them a row
 * comparison alone was planned as a scan of the whole log.
 */
describeOnEachDatabase(
  (kind) => `reads after a position on ${kind}`,
  (kind) => {
    let opened: TestEventStore;
    let test: TestDatabase;
    let head: [string, string];

    beforeAll(async () => {
      opened = await openTestEventStore(kind);
      test = opened.test;
      // Many transactions, so transaction_id has a spread of values as in a real log.
      for (let t = 0; t < TRANSACTIONS; t++) {
        await test.database.sql.query(
          `INSERT INTO es_events (stream_id, stream_revision, event_id, type, data, metadata)
           SELECT 'filler-' || $1 || '-' || i, 0, gen_random_uuid(), 'Filler', '{}', '{}' FROM generate_series(1, $2::int) AS i`,
          [t, EVENTS_PER_TRANSACTION],
        );
      }
      const [row] = await test.database.sql.query<{ commit: string; prepare: string }>(
        'SELECT transaction_id::text AS commit, global_position::text AS prepare FROM es_events ORDER BY transaction_id DESC, global_position DESC OFFSET 5 LIMIT 1',
      );
      head = [row.commit, row.prepare];
    }, 120_000);
    afterAll(() => opened.dispose());

    const fill = async (transactions: number, from: number, perTransaction: number) => {
      for (let t = from; t < from + transactions; t++) {
        await test.database.sql.query(
          `INSERT INTO es_events (stream_id, stream_revision, event_id, type, data, metadata)
           SELECT 'filler-' || $1 || '-' || i, 0, gen_random_uuid(), 'Filler', '{}', '{}' FROM generate_series(1, $2::int) AS i`,
          [t, perTransaction],
        );
      }
    };

    const explain = (statement: string, params: unknown[]) => explainAnalyzed(test.database.sql, statement, params);

    /** The tail read's plan as es_read_all_after runs it: the generic one, made without the values. */
    const explainTailRead = (after: readonly [string, string], limit: number) =>
      test.database.sql.transaction(async (tx) => {
        await tx.query('SET LOCAL plan_cache_mode = force_generic_plan');
        await tx.query(`PREPARE tail_read (text, bigint, bigint) AS ${SETTLED_EVENTS_AFTER}`);
        try {
          return await explainAnalyzed(tx, `EXECUTE tail_read('${after[0]}', ${after[1]}, ${limit})`);
        } finally {
          await tx.query('DEALLOCATE tail_read');
        }
      });

    it.each([
      ['the unsettled check', UNSETTLED_AFTER],
      ['the lag count', COUNT_AFTER],
    ])('%s looks at the events after the position only', async (_name, statement) => {
      // Five events follow the position; a scan of the log would look at all 20,000.
      expect(rowsScanned(await explain(statement, [...head]))).toBeLessThanOrEqual(10);
    });

    it('the tail read, on its generic plan, looks at the events after the position only', async () => {
      expect(rowsScanned(await explainTailRead(head, 500))).toBeLessThanOrEqual(10);
    });

    it('the tail read runs through a function that keeps a generic plan and answers the events after the position', async () => {
      const [fn] = await test.database.sql.query<{ proconfig: string[] | string | null; provolatile: string }>(
        "SELECT proconfig, provolatile FROM pg_proc WHERE proname = 'es_read_all_after'",
      );
      expect(String(fn.proconfig)).toContain('plan_cache_mode=force_generic_plan');
      expect(fn.provolatile).toBe('s');
      const read = await test.database.sql.query<{ commit: string; prepare: string; stream_id: string; revision: string }>(READ_ALL_AFTER, [...head, 3]);
      expect(read).toHaveLength(3);
      const direct = await test.database.sql.query<{ commit: string; prepare: string; stream_id: string; revision: string }>(
        `SELECT transaction_id::text AS commit, global_position::text AS prepare, stream_id, stream_revision::text AS revision FROM es_events
         WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint) ORDER BY transaction_id, global_position LIMIT 3`,
        [...head],
      );
      expect(read.map(({ commit, prepare, stream_id, revision }) => ({ commit, prepare, stream_id, revision }))).toEqual(direct);
    });

    it('reads up to PLANNED_ONCE_UP_TO events through the function and more by the statement itself, the same events either way', async () => {
      const texts: string[] = [];
      const sql = test.database.sql;
      const recording: SqlDatabase = {
        query: <T extends object>(text: string, params?: readonly unknown[]) => {
          texts.push(text);
          return sql.query<T>(text, params);
        },
        transaction: (work) => sql.transaction(work),
      };
      const store = await PostgresEventStore.open({ sql: recording, notifications: test.database.notifications });
      try {
        texts.length = 0;
        const small = await store.readAll({ after: null, maxCount: PLANNED_ONCE_UP_TO });
        const large = await store.readAll({ after: null, maxCount: PLANNED_ONCE_UP_TO + 1 });
        expect(texts).toEqual([READ_ALL_AFTER, SETTLED_EVENTS_AFTER]);
        expect(large).toHaveLength(PLANNED_ONCE_UP_TO + 1);
        expect(small).toEqual(large.slice(0, PLANNED_ONCE_UP_TO));
      } finally {
        await store.close();
      }
    });

    it('a read in order from far behind the head of a large log looks at one batch', async () => {
      // A log of 200,000 events (a rebuild reads it from the start, 500 at a time).
      await fill(TRANSACTIONS, TRANSACTIONS, 900);
      await test.database.sql.query('ANALYZE es_events');
      const [early] = await test.database.sql.query<{ commit: string; prepare: string }>(
        'SELECT transaction_id::text AS commit, global_position::text AS prepare FROM es_events ORDER BY transaction_id, global_position OFFSET 100 LIMIT 1',
      );
      const plan = await explainTailRead([early.commit, early.prepare], 500);
      expect(rowsScanned(plan)).toBeLessThanOrEqual(600);
      // A rebuild's larger reads run the statement itself, on the plan made for their values.
      expect(PLANNED_ONCE_UP_TO).toBeLessThan(5_000);
      expect(rowsScanned(await explain(SETTLED_EVENTS_AFTER, [early.commit, early.prepare, 5_000]))).toBeLessThanOrEqual(5_100);
    }, 120_000);
  },
);
