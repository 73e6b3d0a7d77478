import { newKey, open, seal } from './aes-gcm';
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
