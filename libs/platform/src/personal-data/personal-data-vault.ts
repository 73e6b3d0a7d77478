import { KeyedBatches } from '../database/keyed-batches';
import type { SqlDatabase, SqlRunner } from '../database/sql';
import { KEY_BYTES, newKey, newKeys, open, seal } from './aes-gcm';
import type { DecryptedFields, EncryptedFields, EncryptedValue } from './encrypted-value';
import { PersonalDataKeyMissingError } from './personal-data.errors';
import { PERSONAL_DATA_KEYS_DDL } from './personal-data.schema';
import { SubjectsAhead, type SubjectKey } from './subjects-ahead';

/** New subjects' keys stored by one statement (newSubject). */
const KEYS_AHEAD = 64;
/** Most handed-out subjects whose keys are remembered until their first seal; older ones are read back. */
const HANDED_OUT_REMEMBERED = 1_000;

interface KeyRow {
  subject_id: string;
  key: Uint8Array;
}

/** One value to open in a batch, with the subject whose key sealed it. */
export interface SealedItem {
  readonly subjectId: string;
  readonly value: EncryptedValue | null;
}

/**
 * Encrypts personal data with a key per subject and erases it by destroying the key
 * (crypto-shredding). Events carry only EncryptedValues; the key lives in `personal_data_keys`
 * and nowhere else.
 *
 * Keys are deliberately not cached in the process. A cache could drop a key on this process's own
 * destroyKey, but not when another API process (or the admin CLI) destroys it: this process would
 * keep decrypting an erased subject's data until it restarts. Reading the key on every call makes
 * an erasure bite everywhere at once; decryptMany keeps that affordable for projections by
 * fetching all the keys of a batch in one query.
 */
export class PersonalDataVault {
  /**
   * The keys concurrent createKey-and-seal calls ask for, created (or found, on a retried
   * command) together: one statement per round for every account being created at once.
   */
  private readonly keysCreated = new KeyedBatches<Buffer>(async (subjects) => {
    const rows = await this.sql.query<KeyRow>(
      `WITH wanted AS (SELECT subject_id, key FROM unnest($1::text[], $2::bytea[]) AS w(subject_id, key)),
       created AS (INSERT INTO personal_data_keys (subject_id, key) SELECT subject_id, key FROM wanted ON CONFLICT (subject_id) DO NOTHING RETURNING subject_id, key)
       SELECT subject_id, key FROM created
       UNION ALL SELECT k.subject_id, k.key FROM personal_data_keys k JOIN wanted USING (subject_id) WHERE k.subject_id NOT IN (SELECT subject_id FROM created)`,
      [subjects, newKeys(subjects.length)],
    );
    return new Map(rows.map((row) => [row.subject_id, toKey(row.key)]));
  });

  /** Subjects to come, their keys stored ahead (newSubject). */
  private readonly ahead = new SubjectsAhead((subjectIds) => this.storeKeys(subjectIds), KEYS_AHEAD);
  /** The keys of subjects newSubject handed out, until their first seal (oldest first). */
  private readonly handedOut = new Map<string, Buffer>();

  private constructor(private readonly sql: SqlDatabase) {}

  /** Creates the key table if needed (pass the database's schema lock when several processes start together). */
  static async open(sql: SqlDatabase, options: { withSchemaLock?: <T>(work: () => Promise<T>) => Promise<T> } = {}): Promise<PersonalDataVault> {
    const withLock = options.withSchemaLock ?? ((work) => work());
    await withLock(() => sql.query(PERSONAL_DATA_KEYS_DDL));
    return new PersonalDataVault(sql);
  }

  /**
   * Gives the subject a fresh random key, unless it has one: calling it again (a retried command)
   * must not replace the key, or everything sealed so far would become unreadable. Resolves true
   * when this call created the key.
   */
  async createKey(subjectId: string): Promise<boolean> {
    const rows = await this.sql.query<{ subject_id: string }>(
      'INSERT INTO personal_data_keys (subject_id, key) VALUES ($1, $2) ON CONFLICT (subject_id) DO NOTHING RETURNING subject_id',
      [subjectId, newKey()],
    );
    return rows.length === 1;
  }

  /**
   * createKey and encryptFields in one round trip: gives the subject a key unless it has one, and
   * seals the record with the subject's key (the one it already had, on a retried command).
   */
  async encryptFieldsCreatingKey<T extends { [K in keyof T]: string | null | undefined }>(subjectId: string, record: T): Promise<EncryptedFields<T>> {
    const handedOut = this.handedOut.get(subjectId);
    if (handedOut) {
      // Its key is stored already (newSubject); a retried command reads it back below.
      this.handedOut.delete(subjectId);
      return sealFields(handedOut, subjectId, record);
    }
    // A key created by a concurrent call that committed after the statement began is not in its snapshot.
    const key = (await this.keysCreated.get(subjectId)) ?? (await this.requireKey(subjectId));
    return sealFields(key, subjectId, record);
  }

  /**
   * The id of a new subject whose key is stored already, so that sealing its first values
   * (encryptFieldsCreatingKey) sends no statement: keys are stored KEYS_AHEAD at a time.
   */
  async newSubject(): Promise<string> {
    const { subjectId, key } = await this.ahead.take();
    this.handedOut.set(subjectId, key);
    // A subject handed out and never sealed for (its request stopped first) is forgotten in time.
    if (this.handedOut.size > HANDED_OUT_REMEMBERED) this.handedOut.delete(this.handedOut.keys().next().value!);
    return subjectId;
  }

  /**
   * Gives back a subject newSubject handed out and nothing was sealed for (its account was not
   * created: the email was taken): its key is deleted, so that no key is left naming nothing.
   * Any other subject is left as it is.
   */
  async releaseSubject(subjectId: string): Promise<void> {
    if (!this.handedOut.delete(subjectId)) return;
    await this.sql.query('DELETE FROM personal_data_keys WHERE subject_id = $1', [subjectId]);
  }

  private async storeKeys(subjectIds: readonly string[]): Promise<SubjectKey[]> {
    const rows = await this.sql.query<KeyRow>(
      `INSERT INTO personal_data_keys (subject_id, key) SELECT subject_id, key FROM unnest($1::text[], $2::bytea[]) AS k(subject_id, key)
       ON CONFLICT (subject_id) DO NOTHING RETURNING subject_id, key`,
      [subjectIds, newKeys(subjectIds.length)],
    );
    return rows.map((row) => ({ subjectId: row.subject_id, key: toKey(row.key) }));
  }

  /** Seals a value for the subject; throws PersonalDataKeyMissingError when the subject has no key. */
  async encrypt(subjectId: string, plaintext: string): Promise<EncryptedValue> {
    return seal(await this.requireKey(subjectId), subjectId, plaintext);
  }

  /**
   * Opens a value: null when the subject's key was destroyed (the data is erased). A value that
   * was altered or sealed for another subject throws PersonalDataIntegrityError.
   */
  async decrypt(subjectId: string, value: EncryptedValue): Promise<string | null> {
    const key = await this.keyOf(subjectId);
    return key ? open(key, subjectId, value) : null;
  }

  /** Seals every string field of a record with one key read; null and absent fields stay as they are. */
  async encryptFields<T extends { [K in keyof T]: string | null | undefined }>(subjectId: string, record: T): Promise<EncryptedFields<T>> {
    return sealFields(await this.requireKey(subjectId), subjectId, record);
  }

  /** Opens every sealed field of a record with one key read; all of them are null once the subject is erased. */
  async decryptFields<T extends { [K in keyof T]: EncryptedValue | null | undefined }>(subjectId: string, record: T): Promise<DecryptedFields<T>> {
    const key = await this.keyOf(subjectId);
    const opened: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(record)) {
      opened[name] = value === null || value === undefined ? value : key ? open(key, subjectId, value as EncryptedValue) : null;
    }
    return opened as DecryptedFields<T>;
  }

  /**
   * Opens a batch of values of many subjects, in order, reading all their keys in one query.
   * Each result is null when its value is null or its subject is erased. A projection passes its
   * own transaction as `within` (on the embedded database, the one session is held by it).
   */
  decryptMany(items: readonly SealedItem[], within: SqlRunner = this.sql): Promise<(string | null)[]> {
    return PersonalDataVault.decryptManyWithin(within, items);
  }

  /** decryptMany for code that has a transaction but no vault (projections). */
  static async decryptManyWithin(within: SqlRunner, items: readonly SealedItem[]): Promise<(string | null)[]> {
    if (items.length === 0) return [];
    const subjects = [...new Set(items.filter((item) => item.value !== null).map((item) => item.subjectId))];
    const keys = new Map<string, Buffer>();
    if (subjects.length > 0) {
      const rows = await within.query<KeyRow>('SELECT subject_id, key FROM personal_data_keys WHERE subject_id = ANY($1::text[])', [subjects]);
      for (const row of rows) keys.set(row.subject_id, toKey(row.key));
    }
    return items.map(({ subjectId, value }) => {
      const key = keys.get(subjectId);
      return value === null || !key ? null : open(key, subjectId, value);
    });
  }

  /** Erases the subject: deletes its key, so no copy of its sealed data can be opened again. Resolves true when a key was deleted. */
  async destroyKey(subjectId: string): Promise<boolean> {
    const rows = await this.sql.query('DELETE FROM personal_data_keys WHERE subject_id = $1 RETURNING subject_id', [subjectId]);
    return rows.length === 1;
  }

  /**
   * Whether the subject has no key. A subject that never had one reads as erased too: the
   * application creates the key before it writes the first sealed value, so there is no sealed
   * data of such a subject to protect either way.
   */
  async isErased(subjectId: string): Promise<boolean> {
    return (await this.keyOf(subjectId)) === undefined;
  }

  private async keyOf(subjectId: string): Promise<Buffer | undefined> {
    const rows = await this.sql.query<KeyRow>('SELECT subject_id, key FROM personal_data_keys WHERE subject_id = $1', [subjectId]);
    return rows[0] ? toKey(rows[0].key) : undefined;
  }

  private async requireKey(subjectId: string): Promise<Buffer> {
    const key = await this.keyOf(subjectId);
    if (!key) throw new PersonalDataKeyMissingError(subjectId);
    return key;
  }
}

function sealFields<T extends { [K in keyof T]: string | null | undefined }>(key: Buffer, subjectId: string, record: T): EncryptedFields<T> {
  const sealed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record)) sealed[name] = typeof value === 'string' ? seal(key, subjectId, value) : value;
  return sealed as EncryptedFields<T>;
}

/** node-postgres returns bytea as a Buffer, PGlite as a Uint8Array. */
function toKey(raw: Uint8Array): Buffer {
  const key = Buffer.from(raw);
  if (key.length !== KEY_BYTES) throw new Error(`A personal data key must be ${KEY_BYTES} bytes`);
  return key;
}
