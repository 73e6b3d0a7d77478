import type { QueryRunner } from 'typeorm';
import { createTestDatabase, describeOnEachDatabase, explainAnalyzed, type PlanNode, type TestDatabase } from '@app/platform/testing';
import { AuditMemberFields1764700000600 } from '../migrations/1764700000600-audit-member-fields';
import { MEMBER_FIELDS_WANTED } from './member-fields';

const ORGANIZATIONS = 50;
const MEMBERS_PER_ORGANIZATION = 400;

/** The rows a plan's scans of audit_member_fields looked at, over all their loops. */
function rowsOfTheTable(node: PlanNode): number {
  const own = node['Relation Name'] === 'audit_member_fields' ? ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0)) * (node['Actual Loops'] ?? 1) : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsOfTheTable(child), 0);
}

const memberField = (member: number) => `roles.member-${member}.Accounts`;

describeOnEachDatabase(
  (kind) => `the audit's member fields looked up on ${kind}`,
  (kind) => {
    let test: TestDatabase;

    beforeAll(async () => {
      test = await createTestDatabase({}, kind);
      await new AuditMemberFields1764700000600().up({ query: (sql: string) => test.database.sql.query(sql) } as unknown as QueryRunner);
      await test.database.sql.query(
        `INSERT INTO audit_member_fields (stream_id, field, value)
         SELECT 'organization-' || o, 'roles.member-' || m || '.Accounts', to_jsonb('member'::text)
         FROM generate_series(1, $1::int) AS o, generate_series(1, $2::int) AS m`,
        [ORGANIZATIONS, MEMBERS_PER_ORGANIZATION],
      );
      await test.database.sql.query('ANALYZE audit_member_fields');
    }, 120_000);
    afterAll(() => test?.dispose());

    /** A batch's worth of lookups: 150 new members (no rows yet) and 3 that exist, and one member's range. */
    const batch = (): unknown[] => {
      const names: [string, string][] = [
        ...Array.from({ length: 150 }, (_, i): [string, string] => ['organization-7', memberField(MEMBERS_PER_ORGANIZATION + 1 + i)]),
        ['organization-7', memberField(3)],
        ['organization-9', memberField(5)],
        ['organization-9', memberField(6)],
      ];
      return [names.map(([stream]) => stream), names.map(([, field]) => field), ['organization-11'], ['roles.member-12.'], ['roles.member-12/']];
    };

    it('answers the fields asked for, by name and by range', async () => {
      const rows = await test.database.sql.query<{ stream_id: string; field: string }>(`${MEMBER_FIELDS_WANTED} ORDER BY stream_id, field`, batch());

      expect(rows.map((row) => `${row.stream_id} ${row.field}`)).toEqual([
        `organization-11 ${memberField(12)}`,
        `organization-7 ${memberField(3)}`,
        `organization-9 ${memberField(5)}`,
        `organization-9 ${memberField(6)}`,
      ]);
    });

    it('looks each one up in the key, whatever the size of the table', async () => {
      const plan = await explainAnalyzed(test.database.sql, MEMBER_FIELDS_WANTED, batch());

      // 20,000 rows in the table; a scan of it would look at every one of them.
      expect(rowsOfTheTable(plan)).toBeLessThanOrEqual(10);
    });
  },
);
