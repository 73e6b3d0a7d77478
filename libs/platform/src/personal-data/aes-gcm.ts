import { createCipheriv, createDecipheriv } from 'node:crypto';
import { RandomDraws } from '../crypto/random-draws';
import { ENCRYPTION_ALGORITHM, isEncryptedValue, type EncryptedValue } from './encrypted-value';
import { PersonalDataIntegrityError } from './personal-data.errors';

export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Nonces and keys drawn from the system's CSPRNG many at a time (RandomDraws). */
const nonces = new RandomDraws(IV_BYTES, 256);
const keys = new RandomDraws(KEY_BYTES, 256);

export function newKey(): Buffer {
  return keys.take();
}

/** `count` fresh random keys, each a buffer of its own (a draw per key cost more than storing it). */
export function newKeys(count: number): Buffer[] {
  return Array.from({ length: count }, () => keys.take());
}

/**
 * AES-256-GCM with the subject id as additional authenticated data: a value copied into another
 * subject's events fails to open even if both subjects' keys were equal.
 */
export function seal(key: Buffer, subjectId: string, plaintext: string): EncryptedValue {
  // A random 96-bit nonce per value: GCM must never reuse a nonce under one key.
  const iv = nonces.take();
  const cipher = createCipheriv(ENCRYPTION_ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(subjectId, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { enc: ENCRYPTION_ALGORITHM, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** Opens a sealed value, or throws PersonalDataIntegrityError when anything about it is off. */
export function open(key: Buffer, subjectId: string, value: EncryptedValue): string {
  if (!isEncryptedValue(value)) throw new PersonalDataIntegrityError(subjectId);
  const iv = Buffer.from(value.iv, 'base64');
  const tag = Buffer.from(value.tag, 'base64');
  // Fixed lengths: a shortened tag would weaken authentication, so it is refused, not accepted.
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new PersonalDataIntegrityError(subjectId);
  try {
    const decipher = createDecipheriv(ENCRYPTION_ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(subjectId, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(value.data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new PersonalDataIntegrityError(subjectId);
  }
}
