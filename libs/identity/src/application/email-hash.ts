import { createHash } from 'node:crypto';

/** Emails compare case-insensitively: one address, one hash, one reservation stream. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function hashEmail(email: string): string {
  return createHash('sha256').update(normalizeEmail(email), 'utf8').digest('hex');
}
