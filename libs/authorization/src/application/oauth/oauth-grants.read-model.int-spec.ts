import { randomUUID } from 'node:crypto';
import type { PlatformRuntime } from '@app/platform';
import { createTestRuntime, testServerUrl, type TestRuntime } from '@app/platform/testing';
import type { DataSource } from 'typeorm';
import { AUTHORIZATION_READ_MODEL } from '../../authorization.module';
import { ACCESS_TOKENS_PER_CLIENT_AND_ACCOUNT, tokensOverLimit } from '../../domain';
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

  /** A refresh token of one of `clientId`'s live families for `accountId`, stored for the lookup. */
  async function refreshTokenOf(clientId: string, accountId = account): Promise<{ familyId: string; tokenHash: string }> {
    const [family] = (await runtime.database.sql.query(
      `SELECT family_id FROM refresh_token_families WHERE client_id = $1 AND account_id = $2 AND revoked_at IS NULL LIMIT 1`,
      [clientId, accountId],
    )) as { family_id: string }[];
    const tokenHash = `h-${randomUUID()}`;
    await runtime.database.sql.query('INSERT INTO refresh_tokens (token_hash, family_id, issued_at) VALUES ($1, $2, now())', [tokenHash, family.family_id]);
    return { familyId: family.family_id, tokenHash };
  }

  /** `clientId`'s live tokens for `accountId` as the database has them, each time in whole milliseconds since the epoch. */
  async function storedLiveTokens(clientId: string, accountId = account): Promise<{ token_id: string; ms: string }[]> {
    return (await runtime.database.sql.query(
      `SELECT token_id::text AS token_id, floor(extract(epoch FROM issued_at) * 1000)::text AS ms FROM access_tokens
       WHERE client_id = $1 AND account_id = $2 AND revoked_at IS NULL AND expires_at > now()`,
      [clientId, accountId],
    )) as { token_id: string; ms: string }[];
  }

  it('gives a refresh family under the limit its live token count, and no token the next one could push out', async () => {
    const { familyId, tokenHash } = await refreshTokenOf(client);
    const found = await readModel.familyByTokenHash(tokenHash);
    expect(found?.family_id).toBe(familyId);
    expect(found!.live_access_tokens).toEqual({ count: LIVE, oldest: [] });
    expect((await readModel.liveAccessTokensOf(client, account)).map((token) => token.token_id).sort()).toEqual((await storedLiveTokens(client)).map((row) => row.token_id).sort());
  });

  it('gives a refresh family at the limit the oldest live tokens the next one pushes out, with their very milliseconds, as reading them all would pick', async () => {
    // Another account, whose rows the plans of the other cases need not account for.
    const busy = 'busy-client';
    const busyAccount = randomUUID();
    const sql = runtime.database.sql;
    // 27 live tokens a minute apart, but for the third and fourth oldest, issued the same millisecond
    // (the limit cuts between them); and older revoked and expired ones.
    await sql.query(
      `INSERT INTO access_tokens (token_id, token_hash, account_id, organization_id, scopes, client_id, issued_at, expires_at)
       SELECT gen_random_uuid(), md5('busy' || i), $1, $2, '{openid}', $3, date_trunc('milliseconds', now()) - make_interval(mins => CASE WHEN i = 24 THEN 25 ELSE i END), now() + interval '1 hour'
       FROM generate_series(1, 27) AS i`,
      [busyAccount, organization, busy],
    );
    await sql.query(
      `INSERT INTO access_tokens (token_id, token_hash, account_id, organization_id, scopes, client_id, issued_at, expires_at, revoked_at)
       SELECT gen_random_uuid(), md5('busy-old' || i), $1, $2, '{openid}', $3, now() - interval '2 hours', now() + interval '1 hour' - make_interval(hours => i % 2 * 2),
              CASE WHEN i % 2 = 0 THEN now() END
       FROM generate_series(1, 10) AS i`,
      [busyAccount, organization, busy],
    );
    await sql.query(
      `INSERT INTO refresh_token_families (family_id, client_id, account_id, organization_id, scopes, rotates, issued_at) VALUES (gen_random_uuid(), $3, $1, $2, '{openid}', true, now())`,
      [busyAccount, organization, busy],
    );
    const { tokenHash } = await refreshTokenOf(busy, busyAccount);
    const stored = await storedLiveTokens(busy, busyAccount);
    expect(stored).toHaveLength(27);

    const found = await readModel.familyByTokenHash(tokenHash);
    const live = found!.live_access_tokens;
    expect(live.count).toBe(27);
    const everyLiveToken = await readModel.liveAccessTokensOf(busy, busyAccount);
    // The three that a 28th token pushes over the limit of 25, as picked from all of them.
    const expected = tokensOverLimit(everyLiveToken, ACCESS_TOKENS_PER_CLIENT_AND_ACCOUNT - 1);
    expect(expected).toHaveLength(3);
    expect(live.oldest.map((token) => token.token_id)).toEqual(expected);
    for (const token of live.oldest) {
      // As Date.toISOString() writes it, and the very millisecond stored.
      expect(new Date(token.issued_at).toISOString()).toBe(token.issued_at);
      expect(Date.parse(token.issued_at)).toBe(Number(stored.find((row) => row.token_id === token.token_id)!.ms));
    }
  });

  it('looks a refresh family up on one generic plan that touches only the live tokens of its client and account', async () => {
    const { tokenHash } = await refreshTokenOf(client);
    const [lookup] = (await runtime.database.sql.query("SELECT prosrc, proconfig, provolatile FROM pg_proc WHERE proname = 'oauth_refresh_families_by_token_hash'")) as {
      prosrc: string;
      proconfig: string[] | string | null;
      provolatile: string;
    }[];
    // The plan is made once per connection and kept, whatever the hashes asked for.
    expect(String(lookup.proconfig)).toContain('plan_cache_mode=force_generic_plan');
    expect(lookup.provolatile).toBe('s');
    // Its statement, on the plan made without the values, as the function runs it.
    const body = /RETURN QUERY([\s\S]*?);\s*END/.exec(lookup.prosrc)![1].replaceAll('token_hashes', '$1').replaceAll('per_client_limit', '$2');
    const plan = await runtime.database.sql.transaction(async (tx) => {
      await tx.query('SET LOCAL plan_cache_mode = force_generic_plan');
      await tx.query(`PREPARE family_lookup (text[], int) AS ${body}`);
      try {
        const [row] = (await tx.query(`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE family_lookup(ARRAY['${tokenHash}'], ${ACCESS_TOKENS_PER_CLIENT_AND_ACCOUNT})`)) as { 'QUERY PLAN': Array<{ Plan: PlanNode }> | string }[];
        return (typeof row['QUERY PLAN'] === 'string' ? (JSON.parse(row['QUERY PLAN']) as Array<{ Plan: PlanNode }>) : row['QUERY PLAN'])[0].Plan;
      } finally {
        await tx.query('DEALLOCATE family_lookup');
      }
    });
    const scans = nodes(plan).filter((node) => node['Relation Name'] === 'access_tokens');
    expect(scans).toHaveLength(1);
    expect(scans[0]['Node Type']).not.toBe('Seq Scan');
    expect(scans[0]['Actual Rows']).toBe(LIVE);
    expect(scans[0]['Rows Removed by Filter'] ?? 0).toBe(0);
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
