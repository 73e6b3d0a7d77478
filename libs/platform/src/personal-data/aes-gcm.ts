import { createCipheriv, createDecipheriv, randomBytes, randomFillSync } from 'node:crypto';
import { ENCRYPTION_ALGORITHM, isEncryptedValue, type EncryptedValue } from './encrypted-value';
import { PersonalDataIntegrityError } from './personal-data.errors';

export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Nonces drawn from the system's CSPRNG 256 at a time: one call per value cost more than the sealing. */
const NONCES_PER_DRAW = 256;
let nonces = Buffer.alloc(0);
let nextNonce = 0;

/** A fresh random nonce. Each drawn buffer is handed out once, slice by slice, and never refilled. */
function freshNonce(): Buffer {
  if (nextNonce + IV_BYTES > nonces.length) {
    nonces = randomFillSync(Buffer.alloc(IV_BYTES * NONCES_PER_DRAW));
    nextNonce = 0;
  }
  const nonce = nonces.subarray(nextNonce, nextNonce + IV_BYTES);
  nextNonce += IV_BYTES;
  return nonce;
}

export function newKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/**
 * `count` fresh random keys from one draw of the system's CSPRNG (a draw per key cost more than
 * storing it). Each key is a buffer of its own, and the draw is wiped once they are copied out.
 */
export function newKeys(count: number): Buffer[] {
  const drawn = randomFillSync(Buffer.alloc(KEY_BYTES * count));
  const keys = Array.from({ length: count }, (_, index) => Buffer.from(drawn.subarray(index * KEY_BYTES, (index + 1) * KEY_BYTES)));
  drawn.fill(0);
  return keys;
}

/**
 * AES-256-GCM with the subject id as additional authenticated data: a value copied into another
 * subject's events fails to open even if both subjects' keys were equal.
 */
export function seal(key: Buffer, subjectId: string, plaintext: string): EncryptedValue {
  // A random 96-bit nonce per value: GCM must never reuse a nonce under one key.
  const iv = freshNonce();
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
