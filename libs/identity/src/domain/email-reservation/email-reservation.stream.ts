import { assertSha256Hex } from '../protected-values';

/**
 * One stream per email address, named by the hash of the lowercased address (never the address
 * itself). Appending its first event with "no stream" expected is what makes emails unique; a
 * read model is never asked.
 */
export const EMAIL_RESERVATION_CATEGORY = 'accountEmail';

export function emailReservationStream(emailHash: string): string {
  assertSha256Hex('email_hash', emailHash);
  return `${EMAIL_RESERVATION_CATEGORY}-${emailHash}`;
}
