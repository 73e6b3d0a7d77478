import { randomUUID } from 'node:crypto';
import type { PlatformRuntime } from '@app/platform';
import { createTestRuntime, testServerUrl, type TestRuntime } from '@app/platform/testing';
import type { DataSource } from 'typeorm';
import { AUTHORIZATION_READ_MODEL } from '../../authorization.module';
import { OAuthGrantsReadModel } from './oauth-grants.read-model';

// On the PostgreSQL server when one is configured, else on the embedded database.
const kind = testServerUrl() ? 'postgres' : 'pglite';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

/**
 * The per-client limits and the redirect limit run on every token request. An account that has
 * used a client for long has many revoked, expired and old tokens for it: what these reads touch
 * must be the live (or recent) rows only, not the account's whole history with the client.
 */
describe(`token limits read live rows only, on ${kind}`, () => {
  let test: TestRuntime;
  let runtime: PlatformRuntime;
  let readModel: OAuthGrantsReadModel;
  const statements: Array<{ sql: string; params: unknown[] }> = [];
  const account = randomUUID();
  const organization = randomUUID();
  const client = 'long-used-client';
  const LIVE = 3;

  /** The scans of `table` in the executed plan of the statement the read model sent last. */
  async function scansOf(table: string): Promise<PlanNode[]> {
    const { sql, params } = statements[statements.length - 1];
    const [row] = (await runtime.database.sql.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params)) as { 'QUERY PLAN': Array<{ Plan: PlanNode }> | string }[];
    const plan = typeof row['QUERY PLAN'] === 'string' ? (JSON.parse(row['QUERY PLAN']) as Array<{ Plan: PlanNode }>) : row['QUERY PLAN'];
    return nodes(plan[0].Plan).filter((node) => node['Relation Name'] === table);
  }

  /** The last statement read `table` by an index, touching the live (or recent) rows and no other. */
  async function expectOnlyLiveRowsTouched(table: string): Promise<void> {
    const scans = await scansOf(table);
    expect(scans).toHaveLength(1);
    expect(scans[0]['Node Type']).not.toBe('Seq Scan');
    expect(scans[0]['Actual Rows']).toBe(LIVE);
    expect(scans[0]['Rows Removed by Filter'] ?? 0).toBe(0);
  }

  beforeAll(async () => {
    test = await createTestRuntime(kind, { readModels: [AUTHORIZATION_READ_MODEL] });
    runtime = test.runtime;
    const dataSource = runtime.database.dataSource;
    // The read model's own statements, recorded so that their plans can be read.
    const recording = { query: (sql: string, params: unknown[]) => (statements.push({ sql, params }), dataSource.query(sql, params)) } as unknown as DataSource;
    readModel = new OAuthGrantsReadModel(recording);
    const sql = runtime.database.sql;
    // Years of use: revoked tokens, expired ones, and old ones, then a few live ones issued now.
    await sql.query(
      `INSERT INTO access_tokens (token_id, token_hash, account_id, organization_id, scopes, client_id, issued_at, expires_at, revoked_at, revoke_reason)
       SELECT gen_random_uuid(), md5('t' || i), $1, $2, '{openid}', $3, now() - make_interval(hours => i), now() - make_interval(hours => i) + interval '1 hour',
              CASE WHEN i % 2 = 0 THEN now() - make_interval(hours => i) + interval '30 minutes' END, CASE WHEN i % 2 = 0 THEN 'client_limit' END
       FROM generate_series(2, 4001) AS i`,
      [account, organization, client],
    );
    await sql.query(
      `INSERT INTO access_tokens (token_id, token_hash, account_id, organization_id, scopes, client_id, issued_at, expires_at)
       SELECT gen_random_uuid(), md5('live' || i), $1, $2, '{openid}', $3, now() - make_interval(mins => i), now() + interval '1 hour' FROM generate_series(1, ${LIVE}) AS i`,
      [account, organization, client],
    );
    await sql.query(
      `INSERT INTO refresh_token_families (family_id, client_id, account_id, organization_id, scopes, rotates, issued_at, revoked_at, revoke_reason)
       SELECT gen_random_uuid(), $3, $1, $2, '{openid}', true, now() - make_interval(days => i), CASE WHEN i > ${LIVE} THEN now() END, CASE WHEN i > ${LIVE} THEN 'client_limit' END
       FROM generate_series(1, 2000) AS i`,
      [account, organization, client],
    );
    await sql.query('ANALYZE access_tokens');
    await sql.query('ANALYZE refresh_token_families');
  });
  afterAll(async () => test?.dispose());

  it('gives a refresh family the same live tokens, with the same times, as the per-client limit reads alone', async () => {
    const [family] = (await runtime.database.sql.query(
      `SELECT family_id FROM refresh_token_families WHERE client_id = $1 AND account_id = $2 AND revoked_at IS NULL LIMIT 1`,
      [client, account],
    )) as { family_id: string }[];
    const tokenHash = `h-${randomUUID()}`;
    await runtime.database.sql.query('INSERT INTO refresh_tokens (token_hash, family_id, issued_at) VALUES ($1, $2, now())', [tokenHash, family.family_id]);
    // Each live token's issue time in whole milliseconds since the epoch, as the database has it.
    const stored = (await runtime.database.sql.query(
      `SELECT token_id::text AS token_id, floor(extract(epoch FROM issued_at) * 1000)::text AS ms FROM access_tokens
       WHERE client_id = $1 AND account_id = $2 AND revoked_at IS NULL AND expires_at > now()`,
      [client, account],
    )) as { token_id: string; ms: string }[];
    const found = await readModel.familyByTokenHash(tokenHash);
    expect(found?.family_id).toBe(family.family_id);
    const byId = (tokens: readonly { token_id: string }[]) => tokens.map((token) => token.token_id).sort();
    expect(byId(found!.live_access_tokens)).toEqual(byId(stored));
    expect(byId(await readModel.liveAccessTokensOf(client, account))).toEqual(byId(stored));
    for (const token of found!.live_access_tokens) {
      // As Date.toISOString() writes it, and the very millisecond stored.
      expect(new Date(token.issued_at).toISOString()).toBe(token.issued_at);
      expect(Date.parse(token.issued_at)).toBe(Number(stored.find((row) => row.token_id === token.token_id)!.ms));
    }
  });

  it('given thousands of revoked and expired tokens of the client, when its live tokens are read, then only the live ones are touched', async () => {
    const live = await readModel.liveAccessTokensOf(client, account);
    expect(live).toHaveLength(LIVE);

    await expectOnlyLiveRowsTouched('access_tokens');
  });

  it('given two thousand revoked families of the client, when its live families are read, then only the live ones are touched', async () => {
    expect(await readModel.liveFamiliesOf(client, account)).toHaveLength(LIVE);

    await expectOnlyLiveRowsTouched('refresh_token_families');
  });

  it('given thousands of old tokens of the client, when the redirect limit reads the recent ones, then only the recent ones are touched', async () => {
    const times = await readModel.authorizeGrantTimes(client, account, new Date(Date.now() - 30_000 * 60));
    // The live tokens were issued 1-3 minutes ago; none came from a code or a refresh token.
    expect(times).toHaveLength(LIVE);

    await expectOnlyLiveRowsTouched('access_tokens');
  });
});
