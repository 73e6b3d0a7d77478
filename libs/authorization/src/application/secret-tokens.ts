import { createHash } from 'node:crypto';
import { RandomDraws } from '@app/platform';

/** 32 random bytes a secret, drawn 64 secrets at a time: a draw per secret cost more than hashing it. */
const secretBytes = new RandomDraws(32, 64);

/**
 * Secrets handed to clients. Only their SHA-256 hashes are stored: a leaked database or event log
 * gives nobody a usable token. 32 random bytes are far beyond guessing, so a fast hash is enough.
 */
export function newSecret(): string {
  const bytes = secretBytes.take();
  const secret = bytes.toString('base64url');
  bytes.fill(0);
  return secret;
}

/** Access tokens look like `<region>:<opaque>` with one colon: clients split on it to learn the region. */
export function newAccessToken(region: string): string {
  return `${region}:${newSecret()}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
