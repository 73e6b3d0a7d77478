/**
 * Tokens and PATs enter events only as SHA-256 hashes (design.md section 2: secrets never in clear).
 * The hash is computed outside the domain; this guard makes sure what arrives really looks like one,
 * so a caller that passes the token itself by mistake fails loudly instead of writing a live secret
 * into the log forever.
 */
const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}

/**
 * A programming error, not a client's: answered as a 500 and logged, never as a 4xx that would
 * blame the request. Deliberately not an ApiError, and its message never quotes the value.
 */
export class SecretNotHashed extends Error {
  constructor(field: string) {
    super(`${field} must be a lowercase hex SHA-256 hash; refusing to store anything else.`);
    this.name = 'SecretNotHashed';
  }
}

export function assertSha256Hex(value: string, field: string): void {
  if (!isSha256Hex(value)) throw new SecretNotHashed(field);
}
