import { createHash, randomFillSync } from 'node:crypto';

const SECRET_BYTES = 32;
/** Secrets' bytes drawn from the system's CSPRNG 64 at a time: a draw per secret cost more than hashing it. */
const SECRETS_PER_DRAW = 64;
let drawn = Buffer.alloc(0);
let nextSecret = 0;

/**
 * Secrets handed to clients. Only their SHA-256 hashes are stored: a leaked database or event log
 * gives nobody a usable token. 32 random bytes are far beyond guessing, so a fast hash is enough.
 * Each part of a draw is handed out once and wiped as soon as it is encoded, so the process keeps
 * no issued secret's bytes.
 */
export function newSecret(): string {
  if (nextSecret + SECRET_BYTES > drawn.length) {
    drawn = randomFillSync(Buffer.alloc(SECRET_BYTES * SECRETS_PER_DRAW));
    nextSecret = 0;
  }
  const bytes = drawn.subarray(nextSecret, nextSecret + SECRET_BYTES);
  nextSecret += SECRET_BYTES;
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
