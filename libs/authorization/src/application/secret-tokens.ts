import { createHash, randomBytes } from 'node:crypto';

/**
 * Secrets handed to clients. Only their SHA-256 hashes are stored: a leaked database or event log
 * gives nobody a usable token. 32 random bytes are far beyond guessing, so a fast hash is enough.
 */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Access tokens look like `<region>:<opaque>` with one colon: clients split on it to learn the region. */
export function newAccessToken(region: string): string {
  return `${region}:${newSecret()}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
