import type { SqlRunner } from '../database/sql';

/** A node of a plan as `EXPLAIN (ANALYZE, FORMAT JSON)` writes it (the fields the tests read). */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

type ExplainRow = { 'QUERY PLAN': [{ Plan: PlanNode }] | string };

/** The plan of an EXPLAIN (FORMAT JSON) row, which PGlite hands over as text. */
export function planOf({ 'QUERY PLAN': raw }: ExplainRow): PlanNode {
  return ((typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ Plan: PlanNode }])[0].Plan;
}

/** The plan of `statement` as it ran with `params`: `EXPLAIN (ANALYZE, FORMAT JSON)`. */
export async function explainAnalyzed(sql: SqlRunner, statement: string, params: readonly unknown[] = []): Promise<PlanNode> {
  return planOf((await sql.query<ExplainRow>(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement}`, params))[0]);
}
