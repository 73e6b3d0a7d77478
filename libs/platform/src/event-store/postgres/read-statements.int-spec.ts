import { describeOnEachDatabase, openTestEventStore, type TestDatabase, type TestEventStore } from '../../testing';
import { COUNT_AFTER, READ_ALL_AFTER, UNSETTLED_AFTER } from './read-statements';

const TRANSACTIONS = 200;
const EVENTS_PER_TRANSACTION = 100;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

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

    const explain = async (statement: string, params: unknown[]) => {
      const [explained] = await test.database.sql.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] | string }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement}`, params);
      const raw = explained['QUERY PLAN'];
      return ((typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ Plan: PlanNode }])[0].Plan;
    };

    it.each([
      ['the tail read', READ_ALL_AFTER, 500],
      ['the unsettled check', UNSETTLED_AFTER, undefined],
      ['the lag count', COUNT_AFTER, undefined],
    ])('%s looks at the events after the position only', async (_name, statement, limit) => {
      const params: unknown[] = limit === undefined ? [...head] : [...head, limit];
      // Five events follow the position; a scan of the log would look at all 20,000.
      expect(rowsScanned(await explain(statement, params))).toBeLessThanOrEqual(10);
    });

    it('a read in order from far behind the head of a large log looks at one batch', async () => {
      // A log of 200,000 events (a rebuild reads it from the start, 500 at a time).
      await fill(TRANSACTIONS, TRANSACTIONS, 900);
      await test.database.sql.query('ANALYZE es_events');
      const [early] = await test.database.sql.query<{ commit: string; prepare: string }>(
        'SELECT transaction_id::text AS commit, global_position::text AS prepare FROM es_events ORDER BY transaction_id, global_position OFFSET 100 LIMIT 1',
      );
      const plan = await explain(READ_ALL_AFTER, [early.commit, early.prepare, 500]);
      expect(rowsScanned(plan)).toBeLessThanOrEqual(600);
    }, 120_000);
  },
);
