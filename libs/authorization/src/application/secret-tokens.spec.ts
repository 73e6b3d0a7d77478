import { createHash } from 'node:crypto';
import { hashSecret, newAccessToken, newSecret } from './secret-tokens';

describe('secrets handed to clients', () => {
  it('are 32 random bytes each, never the same twice, across many draws', () => {
    const secrets = Array.from({ length: 1_000 }, () => newSecret());
    expect(new Set(secrets).size).toBe(1_000);
    for (const secret of secrets) {
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    }
    // Not a run of zeros: the bytes are wiped only after they are encoded.
    expect(secrets.filter((secret) => Buffer.from(secret, 'base64url').equals(Buffer.alloc(32)))).toEqual([]);
  });

  it('access tokens carry the region before their one colon', () => {
    const token = newAccessToken('eu');
    expect(token.split(':')).toHaveLength(2);
    expect(token.startsWith('eu:')).toBe(true);
  });

  it('are stored as their SHA-256, in hex', () => {
    expect(hashSecret('abc')).toBe(createHash('sha256').update('abc').digest('hex'));
  });
});
