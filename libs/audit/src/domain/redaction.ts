import { REDACTED } from './audit-entry';

/**
 * Secrets are stored only as hashes, but a hash is still no business of an auditor: an email
 * hash can be tested against guessed addresses, a token hash identifies a live credential.
 */
const SECRET_KEY = /(^|_)hash$|secret|^password$/i;
const SECRET_VALUE = /^\$argon2/;

/** Answers by key: events use a few dozen keys over and over. Bounded, as keys come from data. */
const secretKeys = new Map<string, boolean>();
const REMEMBERED_KEYS = 10_000;

export function isSecretKey(key: string): boolean {
  let secret = secretKeys.get(key);
  if (secret === undefined) {
    secret = SECRET_KEY.test(key);
    if (secretKeys.size < REMEMBERED_KEYS) secretKeys.set(key, secret);
  }
  return secret;
}

/** A deep copy with every secret-looking field (by name or by value) replaced by "[redacted]". */
export function redact(value: unknown): unknown {
  if (typeof value === 'string') return SECRET_VALUE.test(value) ? REDACTED : value;
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) copy[key] = redactEntry(key, inner);
  return copy;
}

/** The value of an object's `key`, as redact() copies it. */
export function redactEntry(key: string, value: unknown): unknown {
  return isSecretKey(key) && value !== null ? REDACTED : redact(value);
}

/** Stream names of email reservations carry the email's hash: shown without it. */
export function redactStreamName(streamId: string): string {
  return streamId.startsWith('accountEmail-') ? `accountEmail-${REDACTED}` : streamId;
}
