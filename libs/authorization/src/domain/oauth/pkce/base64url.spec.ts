import { asciiBytes, base64UrlEncode } from './base64url';

describe('base64UrlEncode', () => {
  it.each([
    [[], ''],
    [[0xff], '_w'],
    [[0xfb, 0xff], '-_8'],
    [[0x66, 0x6f, 0x6f], 'Zm9v'],
    [[0x66, 0x6f, 0x6f, 0x62], 'Zm9vYg'],
    [[0x66, 0x6f, 0x6f, 0x62, 0x61], 'Zm9vYmE'],
  ])('encodes %j as %j, unpadded, with - and _', (bytes, text) => {
    expect(base64UrlEncode(Uint8Array.from(bytes))).toBe(text);
  });

  it('agrees with the RFC 4648 alphabet on every byte value and every length', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (let length = 0; length <= 34; length++) {
      const slice = all.subarray(200 - length, 200);
      expect(base64UrlEncode(slice)).toBe(Buffer.from(slice).toString('base64url'));
    }
    expect(base64UrlEncode(all)).toBe(Buffer.from(all).toString('base64url'));
  });

  it('reads ASCII text as its bytes', () => {
    expect([...asciiBytes('-1,2')]).toEqual([0x2d, 0x31, 0x2c, 0x32]);
  });
});
