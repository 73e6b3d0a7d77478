/**
 * A personal value sealed with its subject's key, in a form that fits in JSON event data.
 * Only ciphertext travels: the key never leaves the key table, so this object says nothing
 * about the value except roughly its length.
 */
export interface EncryptedValue {
  readonly enc: 'aes-256-gcm';
  /** Base64 of the 12-byte nonce, fresh for every value. */
  readonly iv: string;
  /** Base64 of the 16-byte GCM authentication tag. */
  readonly tag: string;
  /** Base64 of the ciphertext. */
  readonly data: string;
}

export const ENCRYPTION_ALGORITHM = 'aes-256-gcm';

/** Whether a value from event data looks like an EncryptedValue (shape only; decrypting proves the rest). */
export function isEncryptedValue(value: unknown): value is EncryptedValue {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.enc === ENCRYPTION_ALGORITHM && typeof v.iv === 'string' && typeof v.tag === 'string' && typeof v.data === 'string';
}

/** A record's string fields sealed; null (and an absent optional field) stays as it is. */
export type EncryptedFields<T> = { [K in keyof T]: Sealed<T[K]> };
type Sealed<V> = V extends string ? EncryptedValue : V;

/** A record's sealed fields opened; each may be null because the subject was erased. */
export type DecryptedFields<T> = { [K in keyof T]: Opened<T[K]> };
type Opened<V> = V extends EncryptedValue ? string | null : V;
