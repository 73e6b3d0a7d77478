import { createHash, randomUUID } from 'node:crypto';
import type { PlatformRuntime, RecordedEvent } from '@app/platform';
import { createTestRuntime, testMetadata, testServerUrl, type TestRuntime } from '@app/platform/testing';
import { AUTHORIZATION_READ_MODEL } from '../authorization.module';
import { authorizationCodeStreamId, refreshTokenStreamId, type AuthorizationCodeEvent, type RefreshTokenEvent } from '../domain';

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

// On the PostgreSQL server when one is configured, else on the embedded database.
const kind = testServerUrl() ? 'postgres' : 'pglite';

describe(`oauth-grants projection on ${kind}`, () => {
  let test: TestRuntime;
  let runtime: PlatformRuntime;
  const owner = { client_id: 'c'.repeat(32), account_id: randomUUID(), organization_id: randomUUID() };
  const sessionId = randomUUID();
  const grantId = randomUUID();
  const familyId = randomUUID();
  const [firstToken, secondToken] = [randomUUID(), randomUUID()];

  async function append(streamId: string, ...events: (AuthorizationCodeEvent | RefreshTokenEvent)[]): Promise<void> {
    const appended = await runtime.store.appendToStream(
      streamId,
      events.map((event) => ({ id: randomUUID(), type: event.type, data: event.data, metadata: testMetadata() })),
      { expectedRevision: 'any' },
    );
    expect(await runtime.progress.waitFor(appended.position, 10_000)).toBe(true);
  }

  const query = (sql: string) => runtime.database.dataSource.query(sql);
  const snapshot = async () => ({
    codes: await query('SELECT * FROM authorization_codes ORDER BY code_hash'),
    families: await query('SELECT * FROM refresh_token_families ORDER BY family_id'),
    tokens: await query('SELECT * FROM refresh_tokens ORDER BY token_hash'),
    accessTokens: await query('SELECT * FROM refresh_family_access_tokens ORDER BY access_token_id'),
  });

  beforeAll(async () => {
    test = await createTestRuntime(kind, { readModels: [AUTHORIZATION_READ_MODEL] });
    runtime = test.runtime;
    runtime.startProjections();
    await append(authorizationCodeStreamId(grantId), {
      type: 'AuthorizationCodeIssued',
      data: {
        grant_id: grantId,
        code_hash: hash('dal:code'),
        ...owner,
        session_id: sessionId,
        redirect_uri: 'https://app.example.com/cb',
        scopes: ['accounts--my:ro'],
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
        issued_at: '2026-01-01T00:00:00.000Z',
        expires_at: '2026-01-01T00:05:00.000Z',
      },
    });
  });
  afterAll(async () => test.dispose());

  it('finds an issued code by its hash, with its challenge, and marks it redeemed', async () => {
    const [issued] = await query('SELECT grant_id, client_id, code_challenge, code_challenge_method, redeemed_at FROM authorization_codes');
    expect(issued).toEqual({ grant_id: grantId, client_id: owner.client_id, code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256', redeemed_at: null });

    await append(authorizationCodeStreamId(grantId), {
      type: 'AuthorizationCodeRedeemed',
      data: { grant_id: grantId, ...owner, access_token_id: firstToken, refresh_family_id: familyId, redeemed_at: '2026-01-01T00:01:00.000Z' },
    });
    const [redeemed] = await query('SELECT access_token_id, refresh_family_id, redeemed_at FROM authorization_codes');
    expect(redeemed.access_token_id).toBe(firstToken);
    expect(redeemed.refresh_family_id).toBe(familyId);
    expect(new Date(redeemed.redeemed_at).toISOString()).toBe('2026-01-01T00:01:00.000Z');
  });

  it('keeps every hash of a rotating family pointing at it, and the access tokens it issued', async () => {
    await append(refreshTokenStreamId(familyId), {
      type: 'RefreshTokenIssued',
      data: {
        family_id: familyId,
        token_hash: hash('r1'),
        ...owner,
        session_id: sessionId,
        scopes: ['accounts--my:ro'],
        rotates: true,
        access_token_id: firstToken,
        issued_at: '2026-01-01T00:01:00.000Z',
      },
    });
    await append(
      refreshTokenStreamId(familyId),
      { type: 'RefreshTokenUsed', data: { family_id: familyId, token_hash: hash('r1'), ...owner, access_token_id: secondToken, used_at: '2026-01-01T01:00:00.000Z' } },
      { type: 'RefreshTokenRotated', data: { family_id: familyId, previous_token_hash: hash('r1'), token_hash: hash('r2'), rotated_at: '2026-01-01T01:00:00.000Z' } },
    );
    const tokens: { token_hash: string; family_id: string; retired_at: Date | null }[] = await query('SELECT token_hash, family_id, retired_at FROM refresh_tokens');
    expect(tokens.map((t) => [t.token_hash, t.family_id, t.retired_at !== null]).sort()).toEqual(
      [
        [hash('r1'), familyId, true],
        [hash('r2'), familyId, false],
      ].sort(),
    );
    const issuedBy: { access_token_id: string }[] = await query(`SELECT access_token_id FROM refresh_family_access_tokens WHERE family_id = '${familyId}'`);
    expect(issuedBy.map((row) => row.access_token_id).sort()).toEqual([firstToken, secondToken].sort());
  });

  it('marks a revoked family, and replaying applied events changes nothing', async () => {
    await append(refreshTokenStreamId(familyId), {
      type: 'RefreshTokenFamilyRevoked',
      data: {
        family_id: familyId,
        token_hash: hash('r2'),
        ...owner,
        access_token_ids: [firstToken, secondToken],
        reason: 'reuse_detected',
        revoked_by: 'system',
        revoked_at: '2026-01-01T02:00:00.000Z',
      },
    });
    const before = await snapshot();
    expect(before.families).toHaveLength(1);
    expect(before.families[0].revoke_reason).toBe('reuse_detected');

    const applied: RecordedEvent[] = (await runtime.store.readAll({ after: null, maxCount: 1000 })).filter(
      (event) => event.streamId.startsWith('accessGrant-') || event.streamId.startsWith('refreshToken-'),
    );
    const projection = runtime.projection('oauth-grants');
    await runtime.database.dataSource.transaction((tx) => projection.apply(applied, tx));
    expect(await snapshot()).toEqual(before);
  });
});
