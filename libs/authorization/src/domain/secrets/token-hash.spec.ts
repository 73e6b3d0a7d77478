import { assertSha256Hex, isSha256Hex, SecretNotHashed } from './token-hash';

const HASH = 'a'.repeat(32) + '0123456789abcdef'.repeat(2);

function thrownBy(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('token hashes', () => {
  it('accepts a lowercase hex SHA-256 digest', () => {
    expect(isSha256Hex(HASH)).toBe(true);
    expect(thrownBy(() => assertSha256Hex(HASH, 'token_hash'))).toBeUndefined();
  });

  it.each([['dal:Qz3kV1YwZm9vYmFy'], [HASH.toUpperCase()], [HASH.slice(1)], [HASH + '0'], ['g'.repeat(64)]])(
    'refuses %j, naming the field without quoting the value',
    (value) => {
      expect(isSha256Hex(value)).toBe(false);
      const error = thrownBy(() => assertSha256Hex(value, 'token_hash'));
      expect(error).toBeInstanceOf(SecretNotHashed);
      expect((error as Error).message).toContain('token_hash');
      expect((error as Error).message).not.toContain(value);
    },
  );

  it('refuses an empty value', () => {
    expect(thrownBy(() => assertSha256Hex('', 'token_hash'))).toBeInstanceOf(SecretNotHashed);
  });
});
