import { KEY_BYTES, newKey, newKeys, open, seal } from './aes-gcm';
import { PersonalDataIntegrityError } from './personal-data.errors';

describe('AES-256-GCM sealing of personal data', () => {
  const subject = '0c6f3d52-6d1e-4d7a-9a57-3f1c2b7e8a10';

  it('opens what it sealed, for the subject it was sealed for only', () => {
    const key = newKey();
    const sealed = seal(key, subject, 'ann@example.com');
    expect(sealed.data).not.toContain('ann');
    expect(open(key, subject, sealed)).toBe('ann@example.com');
    expect(() => open(key, 'another-subject', sealed)).toThrow(PersonalDataIntegrityError);
    expect(() => open(newKey(), subject, sealed)).toThrow(PersonalDataIntegrityError);
  });

  it('never gives two values the same nonce, across many draws of nonces', () => {
    const key = newKey();
    const sealed = Array.from({ length: 2_000 }, () => seal(key, subject, 'same text'));
    expect(new Set(sealed.map((value) => value.iv)).size).toBe(2_000);
    expect(new Set(sealed.map((value) => value.data)).size).toBe(2_000);
    for (const value of sealed) expect(Buffer.from(value.iv, 'base64')).toHaveLength(12);
    // Every nonce still opens its own value: none was overwritten after it was used.
    expect(sealed.every((value) => open(key, subject, value) === 'same text')).toBe(true);
  });

  it('draws keys many at a time, each distinct, of full length, in a buffer of its own', () => {
    const keys = newKeys(64);
    expect(keys).toHaveLength(64);
    expect(new Set(keys.map((key) => key.toString('hex'))).size).toBe(64);
    for (const key of keys) expect(key.length).toBe(KEY_BYTES);
    // No key shares memory with another, or with the wiped draw: changing one leaves the others as they were.
    const second = Buffer.from(keys[1]);
    keys[0].fill(0);
    expect(keys[1].equals(second)).toBe(true);
    expect(keys[1].equals(Buffer.alloc(KEY_BYTES))).toBe(false);
    const sealed = seal(keys[1], subject, 'ann@example.com');
    expect(open(keys[1], subject, sealed)).toBe('ann@example.com');
    expect(() => open(keys[2], subject, sealed)).toThrow(PersonalDataIntegrityError);
  });

  it('refuses a value whose tag or nonce was altered', () => {
    const key = newKey();
    const sealed = seal(key, subject, 'Ann');
    const flipped = (base64: string) => {
      const bytes = Buffer.from(base64, 'base64');
      bytes[0] ^= 1;
      return bytes.toString('base64');
    };
    expect(() => open(key, subject, { ...sealed, tag: flipped(sealed.tag) })).toThrow(PersonalDataIntegrityError);
    expect(() => open(key, subject, { ...sealed, iv: flipped(sealed.iv) })).toThrow(PersonalDataIntegrityError);
  });
});
