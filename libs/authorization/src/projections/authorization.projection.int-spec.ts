import { randomUUID } from 'node:crypto';
import type { PlatformRuntime } from '@app/platform';
import { createTestRuntime, testMetadata, testServerUrl, untilLogSettled, type TestRuntime } from '@app/platform/testing';
import { AUTHORIZATION_READ_MODEL } from '../authorization.module';
import { accessTokenStreamId, customRoleStreamId, personalAccessTokenStreamId } from '../domain';
import { AuthorizationProjection, REVOKE_ACCESS_TOKENS } from './authorization.projection';

// On the PostgreSQL server when one is configured, else on the embedded database.
const kind = testServerUrl() ? 'postgres' : 'pglite';

describe(`authorization projection on ${kind}`, () => {
  let test: TestRuntime;
  let runtime: PlatformRuntime;
  const owner = { account_id: randomUUID(), organization_id: randomUUID() };
  const [kept, revoked, revokedTwice] = [randomUUID(), randomUUID(), randomUUID()];
  const [pat, role] = [randomUUID(), randomUUID()];

  const append = (stream: string, type: string, data: Record<string, unknown>) =>
    runtime.store.appendToStream(stream, [{ id: randomUUID(), type, data, metadata: testMetadata() }], { expectedRevision: 'any' });
  const issued = (tokenId: string) =>
    append(accessTokenStreamId(tokenId), 'AccessTokenIssued', {
      token_id: tokenId,
      token_hash: tokenId.replace(/-/g, ''),
      ...owner,
      client_id: 'client',
      session_id: null,
      scopes: ['openid'],
      issued_at: '2026-11-29T00:00:00.000Z',
      expires_at: '2026-11-30T00:00:00.000Z',
    });
  const tokenRevoked = (tokenId: string, at: string, reason: string) =>
    append(accessTokenStreamId(tokenId), 'AccessTokenRevoked', { token_id: tokenId, token_hash: tokenId.replace(/-/g, ''), ...owner, client_id: 'client', reason, revoked_by: owner.account_id, revoked_at: at });
  const changeCounter = async () => Number(((await runtime.database.sql.query('SELECT counter::text AS counter FROM read_model_changes')) as { counter: string }[])[0].counter);

  beforeAll(async () => {
    test = await createTestRuntime(kind, { readModels: [AUTHORIZATION_READ_MODEL] });
    runtime = test.runtime;
  });
  afterAll(async () => test?.dispose());

  it('applies a batch as event by event, with one statement (one cache signal) per kind of change', async () => {
    for (const tokenId of [kept, revoked, revokedTwice]) await issued(tokenId);
    await tokenRevoked(revoked, '2026-11-29T01:00:00.000Z', 'client_limit');
    await tokenRevoked(revokedTwice, '2026-11-29T02:00:00.000Z', 'revoked_by_owner');
    await tokenRevoked(revokedTwice, '2026-11-29T03:00:00.000Z', 'client_limit');
    await append(personalAccessTokenStreamId(pat), 'PersonalAccessTokenCreated', { pat_id: pat, token_hash: 'p'.repeat(64), ...owner, name: 'ci', scopes: ['openid'], created_at: '2026-11-29T00:00:00.000Z' });
    await append(personalAccessTokenStreamId(pat), 'PersonalAccessTokenRevoked', { pat_id: pat, token_hash: 'p'.repeat(64), ...owner, reason: 'revoked_by_owner', revoked_at: '2026-11-29T04:00:00.000Z' });
    await append(customRoleStreamId(role), 'CustomRoleCreated', { role_id: role, organization_id: owner.organization_id, role: 'auditor', product: 'Accounts', scopes: ['openid'], created_by: owner.account_id, created_at: '2026-11-29T00:00:00.000Z' });
    const last = await append(customRoleStreamId(role), 'CustomRoleDeleted', { role_id: role, organization_id: owner.organization_id, deleted_by: owner.account_id, deleted_at: '2026-11-29T05:00:00.000Z' });
    await untilLogSettled(runtime.store, last.position);
    const batch = await runtime.store.readAll({ after: null, maxCount: 100 });
    expect(batch).toHaveLength(10);

    const before = await changeCounter();
    await runtime.database.dataSource.transaction((tx) => new AuthorizationProjection().apply(batch, tx));

    const tokens = (await runtime.database.sql.query('SELECT token_id, revoked_at, revoke_reason FROM access_tokens')) as { token_id: string; revoked_at: Date | null; revoke_reason: string | null }[];
    const byId = new Map(tokens.map((row) => [row.token_id, row]));
    expect(byId.get(kept)).toMatchObject({ revoked_at: null, revoke_reason: null });
    expect(byId.get(revoked)).toMatchObject({ revoked_at: new Date('2026-11-29T01:00:00.000Z'), revoke_reason: 'client_limit' });
    // The first revocation stands.
    expect(byId.get(revokedTwice)).toMatchObject({ revoked_at: new Date('2026-11-29T02:00:00.000Z'), revoke_reason: 'revoked_by_owner' });
    expect(await runtime.database.sql.query('SELECT pat_id, revoked_at FROM personal_access_tokens')).toEqual([{ pat_id: pat, revoked_at: new Date('2026-11-29T04:00:00.000Z') }]);
    expect(await runtime.database.sql.query('SELECT role_id FROM custom_roles')).toEqual([]);
    // Tokens, PATs and roles changed: three signals, not one per revocation.
    expect((await changeCounter()) - before).toBe(3);
  });

  it('revokes a batch\'s tokens by key, not by scanning every token', async () => {
    const sql = runtime.database.sql;
    await sql.query(
      `INSERT INTO access_tokens (token_id, token_hash, account_id, organization_id, scopes, client_id, issued_at, expires_at)
       SELECT gen_random_uuid(), md5(i::text), $1, $2, '{openid}', 'client', now(), now() + interval '1 day' FROM generate_series(1, 5000) AS i`,
      [owner.account_id, owner.organization_id],
    );
    await sql.query('ANALYZE access_tokens');
    const plan = (await sql.query(`EXPLAIN ${REVOKE_ACCESS_TOKENS}`, [[randomUUID(), randomUUID()], [new Date(), new Date()], ['client_limit', 'client_limit']])) as { 'QUERY PLAN': string }[];
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Index Scan using access_tokens_pkey/);
    expect(text).not.toMatch(/Seq Scan on access_tokens/);
  });
});
