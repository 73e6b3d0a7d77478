import type { SqlDatabase } from '../database/sql';
import { recordingStatements } from '../testing/recorded-statements';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { describeOnEachDatabase } from '../testing/test-event-store';
import { isEncryptedValue, type EncryptedValue } from './encrypted-value';
import { PersonalDataIntegrityError, PersonalDataKeyMissingError } from './personal-data.errors';
import { PersonalDataVault } from './personal-data-vault';

function flipFirstByte(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] ^= 0x01;
  return bytes.toString('base64');
}

describeOnEachDatabase(
  (kind) => `personal data vault on ${kind}`,
  (kind) => {
    let test: TestDatabase;
    let sql: SqlDatabase;
    let vault: PersonalDataVault;
    let n = 0;
    const subject = () => `subject-${++n}`;
    const keyBytes = async (subjectId: string) =>
      (await sql.query<{ key: Uint8Array }>('SELECT key FROM personal_data_keys WHERE subject_id = $1', [subjectId])).map((row) => Buffer.from(row.key));

    beforeAll(async () => {
      test = await createTestDatabase({}, kind);
      sql = test.database.sql;
      vault = await PersonalDataVault.open(sql);
    });
    afterAll(async () => {
      await test.dispose();
    });

    it('hands out new subjects whose keys are stored, many by one statement, none twice', async () => {
      const recorded = recordingStatements(sql);
      const ahead = await PersonalDataVault.open(recorded);
      const opening = recorded.statements.length;
      const subjects = await Promise.all(Array.from({ length: 100 }, () => ahead.newSubject()));
      expect(new Set(subjects).size).toBe(100);
      const stored = recorded.statements.slice(opening).filter((text) => text.includes('INSERT INTO personal_data_keys'));
      expect(stored.length).toBeGreaterThanOrEqual(2);
      expect(stored.length).toBeLessThanOrEqual(3);
      for (const id of subjects.slice(0, 5)) expect(await keyBytes(id)).toHaveLength(1);
    });

    it("seals a handed-out subject's first values with its stored key and no statement; a second seal reads the key back", async () => {
      const recorded = recordingStatements(sql);
      const ahead = await PersonalDataVault.open(recorded);
      const id = await ahead.newSubject();
      const before = recorded.statements.length;
      const first = await ahead.encryptFieldsCreatingKey(id, { email: 'first@example.com', name: null });
      expect(recorded.statements.length).toBe(before);
      // As a retried command would: the key is read back, the same one.
      const second = await ahead.encryptFieldsCreatingKey(id, { email: 'second@example.com', name: null });
      expect(recorded.statements.length).toBeGreaterThan(before);
      await expect(vault.decryptFields(id, { a: first.email, b: second.email, c: first.name })).resolves.toEqual({ a: 'first@example.com', b: 'second@example.com', c: null });
      expect(await keyBytes(id)).toHaveLength(1);
    });

    it('deletes the key of a handed-out subject given back unsealed, and of no other subject', async () => {
      const unused = await vault.newSubject();
      const sealedFor = await vault.newSubject();
      await vault.encryptFieldsCreatingKey(sealedFor, { email: 'kept@example.com' });
      const other = subject();
      await vault.createKey(other);
      for (const id of [unused, sealedFor, other]) await vault.releaseSubject(id);
      expect(await keyBytes(unused)).toHaveLength(0);
      expect(await keyBytes(sealedFor)).toHaveLength(1);
      expect(await keyBytes(other)).toHaveLength(1);
    });

    it('opens again over an existing key table without losing keys', async () => {
      const id = subject();
      await vault.createKey(id);
      const sealed = await vault.encrypt(id, 'kept');
      const reopened = await PersonalDataVault.open(sql);
      await expect(reopened.decrypt(id, sealed)).resolves.toBe('kept');
    });

    it('round-trips a value through a JSON-safe EncryptedValue', async () => {
      const id = subject();
      await vault.createKey(id);
      const plaintext = 'Zoë Ünicode-Šmith 🙂 <zoe@example.com>';
      const sealed = await vault.encrypt(id, plaintext);
      expect(isEncryptedValue(sealed)).toBe(true);
      expect(Buffer.from(sealed.iv, 'base64')).toHaveLength(12);
      expect(Buffer.from(sealed.tag, 'base64')).toHaveLength(16);
      const throughJson = JSON.parse(JSON.stringify(sealed)) as EncryptedValue;
      await expect(vault.decrypt(id, throughJson)).resolves.toBe(plaintext);
      await expect(vault.decrypt(id, await vault.encrypt(id, ''))).resolves.toBe('');
    });

    it('uses a fresh IV for every value, so equal values do not look equal', async () => {
      const id = subject();
      await vault.createKey(id);
      const [a, b] = [await vault.encrypt(id, 'same'), await vault.encrypt(id, 'same')];
      expect(a.iv).not.toBe(b.iv);
      expect(a.data).not.toBe(b.data);
    });

    it('refuses to open a value under another subject, even with the same key bytes (subject id is authenticated)', async () => {
      const owner = subject();
      const other = subject();
      await vault.createKey(owner);
      // Give the other subject the very same key, so only the authenticated subject id differs.
      await sql.query('INSERT INTO personal_data_keys (subject_id, key) SELECT $2, key FROM personal_data_keys WHERE subject_id = $1', [owner, other]);
      const sealed = await vault.encrypt(owner, 'mine');
      await expect(vault.decrypt(other, sealed)).rejects.toBeInstanceOf(PersonalDataIntegrityError);
      await expect(vault.decrypt(owner, sealed)).resolves.toBe('mine');
    });

    it('throws on a tampered value instead of returning altered data', async () => {
      const id = subject();
      await vault.createKey(id);
      const sealed = await vault.encrypt(id, 'original value');
      const tampered: EncryptedValue[] = [
        { ...sealed, data: flipFirstByte(sealed.data) },
        { ...sealed, tag: flipFirstByte(sealed.tag) },
        { ...sealed, iv: flipFirstByte(sealed.iv) },
        { ...sealed, tag: Buffer.from(sealed.tag, 'base64').subarray(0, 8).toString('base64') },
        { ...sealed, data: Buffer.from(sealed.data, 'base64').subarray(1).toString('base64') },
        { ...sealed, enc: 'aes-128-gcm' } as unknown as EncryptedValue,
      ];
      for (const value of tampered) await expect(vault.decrypt(id, value)).rejects.toBeInstanceOf(PersonalDataIntegrityError);
    });

    it('erases by destroying the key: decrypt answers null, and nothing new can be sealed', async () => {
      const id = subject();
      await vault.createKey(id);
      const sealed = await vault.encrypt(id, 'to be forgotten');
      await expect(vault.isErased(id)).resolves.toBe(false);
      await expect(vault.destroyKey(id)).resolves.toBe(true);
      await expect(vault.decrypt(id, sealed)).resolves.toBeNull();
      await expect(vault.isErased(id)).resolves.toBe(true);
      await expect(vault.encrypt(id, 'new data')).rejects.toBeInstanceOf(PersonalDataKeyMissingError);
      await expect(vault.destroyKey(id)).resolves.toBe(false);
      expect(await keyBytes(id)).toEqual([]);
    });

    it('sees a key destroyed by another process at once (keys are not cached)', async () => {
      const id = subject();
      const elsewhere = await PersonalDataVault.open(sql);
      await vault.createKey(id);
      const sealed = await vault.encrypt(id, 'visible until erased');
      await expect(vault.decrypt(id, sealed)).resolves.toBe('visible until erased');
      await elsewhere.destroyKey(id);
      await expect(vault.decrypt(id, sealed)).resolves.toBeNull();
      await expect(vault.decryptMany([{ subjectId: id, value: sealed }])).resolves.toEqual([null]);
    });

    it('creates a key once: a second createKey keeps the key, so earlier values stay readable', async () => {
      const id = subject();
      await expect(vault.createKey(id)).resolves.toBe(true);
      const [first] = await keyBytes(id);
      expect(first).toHaveLength(32);
      const sealed = await vault.encrypt(id, 'still readable');
      await expect(vault.createKey(id)).resolves.toBe(false);
      expect(await keyBytes(id)).toEqual([first]);
      await expect(vault.decrypt(id, sealed)).resolves.toBe('still readable');
    });

    it('seals with a key it creates in the same call, and with the same key when called again', async () => {
      const id = subject();
      const first = await vault.encryptFieldsCreatingKey(id, { email: 'new@example.com', name: null });
      const [key] = await keyBytes(id);
      expect(key).toHaveLength(32);
      const again = await vault.encryptFieldsCreatingKey(id, { email: 'again@example.com', name: 'Ann' });
      expect(await keyBytes(id)).toEqual([key]);
      await expect(vault.decryptFields(id, first)).resolves.toEqual({ email: 'new@example.com', name: null });
      await expect(vault.decryptFields(id, again)).resolves.toEqual({ email: 'again@example.com', name: 'Ann' });
    });

    it('given many subjects keyed and sealed at once, then they share statements, and each gets its own key (a subject already keyed keeps its)', async () => {
      const keyed = subject();
      const before = await vault.encryptFieldsCreatingKey(keyed, { email: 'kept@example.com' });
      const recorded = recordingStatements(sql);
      const batchVault = await PersonalDataVault.open(recorded);
      const subjects = [...Array.from({ length: 8 }, () => subject()), keyed];
      const opened = recorded.statements.length;

      const sealed = await Promise.all(subjects.map((id, i) => batchVault.encryptFieldsCreatingKey(id, { email: `s${i}@example.com` })));

      // The first call goes alone, at once; the ones that came while it ran share the next statement.
      expect(recorded.statements.length - opened).toBe(2);
      const keys = await Promise.all(subjects.map(async (id) => (await keyBytes(id))[0].toString('hex')));
      expect(new Set(keys).size).toBe(subjects.length);
      for (const [i, id] of subjects.entries()) await expect(vault.decryptFields(id, sealed[i])).resolves.toEqual({ email: `s${i}@example.com` });
      await expect(vault.decryptFields(keyed, before)).resolves.toEqual({ email: 'kept@example.com' });
    });

    it('gives every subject its own random key', async () => {
      const [a, b] = [subject(), subject()];
      await vault.createKey(a);
      await vault.createKey(b);
      expect((await keyBytes(a))[0].equals((await keyBytes(b))[0])).toBe(false);
    });

    it('seals and opens the string fields of a record, leaving null and absent fields alone', async () => {
      const id = subject();
      await vault.createKey(id);
      const record: { email: string; name: string | null; avatarUrl?: string | null } = { email: 'ann@example.com', name: null };
      const sealed = await vault.encryptFields(id, record);
      expect(isEncryptedValue(sealed.email)).toBe(true);
      expect(sealed.name).toBeNull();
      expect('avatarUrl' in sealed).toBe(false);
      await expect(vault.decryptFields(id, sealed)).resolves.toEqual({ email: 'ann@example.com', name: null });
      await vault.destroyKey(id);
      await expect(vault.decryptFields(id, sealed)).resolves.toEqual({ email: null, name: null });
      await expect(vault.encryptFields(id, record)).rejects.toBeInstanceOf(PersonalDataKeyMissingError);
    });

    it('opens a batch of many subjects in order with one key query', async () => {
      const [a, b, erased, neverKeyed] = [subject(), subject(), subject(), subject()];
      for (const id of [a, b, erased]) await vault.createKey(id);
      const items = [
        { subjectId: a, value: await vault.encrypt(a, 'a1') },
        { subjectId: b, value: await vault.encrypt(b, 'b1') },
        { subjectId: erased, value: await vault.encrypt(erased, 'gone') },
        { subjectId: a, value: null },
        { subjectId: a, value: await vault.encrypt(a, 'a2') },
        { subjectId: neverKeyed, value: await vault.encrypt(a, 'sealed for a') },
      ];
      await vault.destroyKey(erased);
      const recorded = recordingStatements(sql);
      const batchVault = await PersonalDataVault.open(recorded);
      const before = recorded.statements.length;
      await expect(batchVault.decryptMany(items)).resolves.toEqual(['a1', 'b1', null, null, 'a2', null]);
      expect(recorded.statements.length - before).toBe(1);
      await expect(batchVault.decryptMany([])).resolves.toEqual([]);
      expect(recorded.statements.length - before).toBe(1);
    });

    it('fails a batch when one of its values was tampered with', async () => {
      const id = subject();
      await vault.createKey(id);
      const good = await vault.encrypt(id, 'fine');
      const bad = { ...good, data: flipFirstByte(good.data) };
      await expect(vault.decryptMany([{ subjectId: id, value: good }, { subjectId: id, value: bad }])).rejects.toBeInstanceOf(PersonalDataIntegrityError);
    });

    it('keeps the key in the key table only: the sealed JSON holds neither the plaintext nor the key', async () => {
      const id = subject();
      await vault.createKey(id);
      const plaintext = 'secret.person@example.com';
      const json = JSON.stringify(await vault.encrypt(id, plaintext));
      const [key] = await keyBytes(id);
      for (const leak of [plaintext, 'secret.person', Buffer.from(plaintext).toString('base64'), key.toString('base64'), key.toString('hex')]) {
        expect(json).not.toContain(leak);
      }
      expect(Object.keys(JSON.parse(json)).sort()).toEqual(['data', 'enc', 'iv', 'tag']);
      const tables = await sql.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'key' ORDER BY table_name",
      );
      expect(tables.map((t) => t.table_name)).toEqual(['personal_data_keys']);
    });
  },
);
