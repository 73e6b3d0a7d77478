import { assertArgon2idHash, assertEncrypted, assertEncryptedOrNull, assertSha256Hex, UnprotectedValueError } from './protected-values';

const sealed = { enc: 'aes-256-gcm', iv: 'aXY=', tag: 'dGFn', data: 'ZGF0YQ==' };
const sha256 = 'a'.repeat(64);

describe('protected values', () => {
  it('accepts a sealed value and rejects a clear one', () => {
    expect(() => assertEncrypted('email', sealed)).not.toThrow();
    for (const clear of ['ann@example.com', null, undefined, {}, { ...sealed, data: 42 }]) {
      expect(() => assertEncrypted('email', clear)).toThrow(UnprotectedValueError);
    }
  });

  it('lets null through where a personal field is optional', () => {
    expect(() => assertEncryptedOrNull('name', null)).not.toThrow();
    expect(() => assertEncryptedOrNull('name', 'Ann')).toThrow(UnprotectedValueError);
  });

  it('takes only a lowercase hex SHA-256 as an email hash, never an address', () => {
    expect(() => assertSha256Hex('email_hash', sha256)).not.toThrow();
    for (const bad of ['ann@example.com', 'A'.repeat(64), 'a'.repeat(63), 42]) {
      expect(() => assertSha256Hex('email_hash', bad)).toThrow(UnprotectedValueError);
    }
  });

  it('takes only an argon2id hash as a password hash, never a password', () => {
    expect(() => assertArgon2idHash('password_hash', '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA')).not.toThrow();
    for (const bad of ['hunter2hunter2', '$2b$10$abcdefghijklmnopqrstuv', '$argon2i$v=19$m=4096,t=3,p=1$c2FsdA$aGFzaA']) {
      expect(() => assertArgon2idHash('password_hash', bad)).toThrow(UnprotectedValueError);
    }
  });

  it('names the field but never echoes the clear value', () => {
    let thrown: unknown;
    try {
      assertEncrypted('email', 'ann@example.com');
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Error).message).toContain('email');
    expect((thrown as Error).message).not.toContain('ann@example.com');
  });
});
