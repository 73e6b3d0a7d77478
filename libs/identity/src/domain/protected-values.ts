/**
 * What the identity domain accepts in place of personal data and secrets. The application layer
 * seals personal data with the subject's key and hashes secrets before it builds a command, so
 * the domain, and therefore the event log, never holds them in clear. The checks below are a
 * last line of defence against a caller that forgot: a clear value fails loudly here instead of
 * being written to the log forever.
 */

/**
 * A personal value sealed by the platform's PersonalDataVault (same shape as its EncryptedValue).
 * The domain stores and forwards it and never looks inside; a clear string does not fit the type.
 */
export interface EncryptedPersonalData {
  readonly enc: string;
  readonly iv: string;
  readonly tag: string;
  readonly data: string;
}

/**
 * A programming error, not a client's: a value reached the domain unsealed or unhashed. A plain
 * Error on purpose, so the client gets a generic 500 and the value is not echoed anywhere.
 */
export class UnprotectedValueError extends Error {
  constructor(readonly field: string) {
    super(`${field} must arrive sealed or hashed, never in clear`);
    this.name = new.target.name;
  }
}

export function assertEncrypted(field: string, value: unknown): asserts value is EncryptedPersonalData {
  const sealed = value as Partial<Record<keyof EncryptedPersonalData, unknown>> | null;
  const ok =
    typeof sealed === 'object' &&
    sealed !== null &&
    typeof sealed.enc === 'string' &&
    typeof sealed.iv === 'string' &&
    typeof sealed.tag === 'string' &&
    typeof sealed.data === 'string';
  if (!ok) throw new UnprotectedValueError(field);
}

/** Like assertEncrypted, for optional personal fields where null means "none". */
export function assertEncryptedOrNull(field: string, value: unknown): asserts value is EncryptedPersonalData | null {
  if (value !== null) assertEncrypted(field, value);
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Email hashes name streams: anything but a lowercase hex SHA-256 could put an address in a stream name. */
export function assertSha256Hex(field: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || !SHA256_HEX.test(value)) throw new UnprotectedValueError(field);
}

/** Passwords are stored as argon2id hashes in PHC form ($argon2id$v=19$m=...$salt$hash). */
export function assertArgon2idHash(field: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || !value.startsWith('$argon2id$')) throw new UnprotectedValueError(field);
}
