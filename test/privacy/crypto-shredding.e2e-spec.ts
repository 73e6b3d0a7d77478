import { randomUUID } from 'node:crypto';
import { isEncryptedValue, PersonalDataVault, type EncryptedValue, type SealedItem } from '@app/platform';
import { expectMatchesSpec } from '../../libs/platform/src/testing/spec-schemas';
import { TestApp } from '../support/test-app';

interface Column {
  table_schema: string;
  table_name: string;
  column_name: string;
}

interface Hit {
  column: string;
  count: number;
}

/** Column types whose text form can hold a string someone stored. */
const SCANNED_TYPES = ['text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY'];

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/**
 * Every text-like column of every table in the database's own schemas (public, and any other one
 * a read model or the event store might use): the event log, the key table and every read model.
 */
async function scannableColumns(api: TestApp): Promise<Column[]> {
  return api.runtime.database.sql.query<Column>(
    `SELECT c.table_schema, c.table_name, c.column_name
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE t.table_type = 'BASE TABLE'
        AND c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.table_schema NOT LIKE 'pg\\_%'
        AND c.data_type = ANY($1::text[])
      ORDER BY c.table_schema, c.table_name, c.ordinal_position`,
    [SCANNED_TYPES],
  );
}

/** Where `needle` occurs, in any letter case, anywhere in the database. */
async function scanDatabase(api: TestApp, needle: string): Promise<Hit[]> {
  const hits: Hit[] = [];
  for (const { table_schema, table_name, column_name } of await scannableColumns(api)) {
    const [row] = await api.runtime.database.sql.query<{ count: string | number }>(
      `SELECT count(*) AS count FROM ${quote(table_schema)}.${quote(table_name)} WHERE ${quote(column_name)}::text ILIKE '%' || $1 || '%'`,
      [needle],
    );
    if (Number(row.count) > 0) hits.push({ column: `${table_schema}.${table_name}.${column_name}`, count: Number(row.count) });
  }
  return hits;
}

async function scanAll(api: TestApp, needles: readonly string[]): Promise<Record<string, Hit[]>> {
  const found: Record<string, Hit[]> = {};
  for (const needle of needles) {
    const hits = await scanDatabase(api, needle);
    if (hits.length) found[needle] = hits;
  }
  return found;
}

async function rowsOf(api: TestApp, table: string, accountId: string): Promise<number> {
  const [row] = await api.runtime.database.sql.query<{ count: string | number }>(`SELECT count(*) AS count FROM ${table} WHERE account_id = $1`, [accountId]);
  return Number(row.count);
}

describe('crypto-shredding: a deleted account leaves no personal data behind', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await TestApp.start();
  });
  afterAll(async () => api?.stop());

  it('the scan sees the event log, the key table and the read models, and finds what is there', async () => {
    const columns = (await scannableColumns(api)).map((c) => `${c.table_schema}.${c.table_name}.${c.column_name}`);
    expect(columns).toEqual(expect.arrayContaining(['public.es_events.data', 'public.es_events.metadata', 'public.accounts.email', 'public.accounts.name']));

    const tag = randomUUID();
    const owner = await api.signUp({ email: `Visible-${tag}@Example.com` });
    // A live account's email is in its read model row: the scan is not blind, and it ignores letter case.
    expect(await scanDatabase(api, `visible-${tag}@example.com`)).toEqual([{ column: 'public.accounts.email', count: 1 }]);
    expect(owner.accountId).toBeDefined();
  });

  it('deletes the account, erases its data from the log and every read model, even after a rebuild, and frees its email', async () => {
    const owner = await api.signUp({ password: `owner-password-${randomUUID()}` });
    const pat = await api.request('POST', '/personal_access_tokens', { headers: owner.bearer, body: { name: 'scan' } });
    expect(pat.status).toBe(201);
    const patToken = pat.body.token as string;

    const secret = randomUUID();
    const localPart = `shred-${secret}`;
    const email = `${localPart}@example.com`;
    const name = `Shredded ${secret}`;
    const renamed = `Renamed ${randomUUID()}`;
    const avatar = `https://img.example.com/${randomUUID()}.png`;
    const memberPassword = `member-password-${randomUUID()}`;
    const { accountId } = await api.addAccount(owner, { email: `Shred-${secret}@Example.COM`, name, avatar_url: avatar, password: memberPassword });

    const patched = await api.request('PATCH', `/accounts/${accountId}`, { headers: owner.bearer, body: { name: renamed } });
    expect(patched.status).toBe(200);
    expect(patched.body.name).toBe(renamed);
    // While the account lives, its data is readable where it belongs.
    expect(await scanDatabase(api, renamed)).toEqual([{ column: 'public.accounts.name', count: 1 }]);

    const deleted = await api.request('DELETE', `/accounts/${accountId}`, { headers: owner.bearer });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({});

    const gone = await api.request('GET', `/accounts/${accountId}`, { headers: owner.bearer });
    expect(gone.status).toBe(404);
    expectMatchesSpec(gone.body, '/accounts/{account_id}', 'get', 404);
    const list = await api.request('GET', '/accounts', { headers: owner.bearer });
    expect(list.body.map((a: { account_id: string }) => a.account_id)).not.toContain(accountId);

    // Replay the whole log into every read model: an erased account must come back as nothing.
    const { runtime } = api;
    for (const projection of runtime.projections) await runtime.rebuilder.rebuild(projection);

    const personal = [secret, localPart, email, name, renamed, avatar];
    expect(await scanAll(api, personal)).toEqual({});
    for (const table of ['accounts', 'account_organizations', 'account_passwords', 'organization_members', 'organization_member_roles']) {
      expect({ table, rows: await rowsOf(api, table, accountId) }).toEqual({ table, rows: 0 });
    }

    // The log is append-only: the account's events are all still there, but their personal fields are ciphertext nobody can open.
    const events = await runtime.store.readStream(`account-${accountId}`);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['AccountCreated', 'AccountPasswordSet', 'AccountUpdated', 'AccountDeleted']));
    const created = events.find((e) => e.type === 'AccountCreated')!.data as Record<string, unknown>;
    const updated = events.find((e) => e.type === 'AccountUpdated')!.data as { changes: Record<string, unknown> };
    const sealed = [created.email, created.name, created.avatar_url, updated.changes.name];
    for (const value of sealed) expect(isEncryptedValue(value)).toBe(true);
    const [keyRows] = await runtime.database.sql.query<{ count: string | number }>('SELECT count(*) AS count FROM personal_data_keys WHERE subject_id = $1', [
      accountId,
    ]);
    expect(Number(keyRows.count)).toBe(0);
    const items: SealedItem[] = sealed.map((value) => ({ subjectId: accountId, value: value as EncryptedValue }));
    expect(await PersonalDataVault.decryptManyWithin(runtime.database.sql, items)).toEqual([null, null, null, null]);
    // The same call opens a live account's data: the nulls above come from the missing key, not from a broken vault.
    const ownerCreated = (await runtime.store.readStream(`account-${owner.accountId}`)).find((e) => e.type === 'AccountCreated')!.data as {
      email: EncryptedValue;
    };
    expect(await PersonalDataVault.decryptManyWithin(runtime.database.sql, [{ subjectId: owner.accountId, value: ownerCreated.email }])).toEqual([owner.email]);

    // Secrets were never stored in clear: not the passwords, not the access token, not the PAT.
    const accessToken = owner.token;
    const secrets = [owner.password, memberPassword, accessToken, accessToken.replace(/^[a-z]+:/, ''), patToken, patToken.replace(/^[a-z]+:/, '')];
    expect(await scanAll(api, secrets)).toEqual({});

    // The email is free again: a new account gets it, with nothing of the erased one.
    const again = await api.request('POST', '/accounts', { headers: owner.bearer, body: { email } });
    expect(again.status).toBe(201);
    expectMatchesSpec(again.body, '/accounts', 'post', 201);
    expect(again.body.account_id).not.toBe(accountId);
    expect(again.body.email).toBe(email);
    expect(again.body.name).toBeUndefined();
    expect(again.body.avatar_url ?? null).toBeNull();
    for (const projection of runtime.projections) await runtime.rebuilder.rebuild(projection);
    expect(await scanAll(api, [name, renamed, avatar])).toEqual({});
    const reread = await api.request('GET', `/accounts/${again.body.account_id}`, { headers: owner.bearer });
    expect(reread.status).toBe(200);
    expect(reread.body).toMatchObject({ account_id: again.body.account_id, email });
    expect(reread.body.name).toBeUndefined();
  }, 120_000);
});
