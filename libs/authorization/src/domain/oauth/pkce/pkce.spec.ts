import { createHash } from 'node:crypto';
import { parsePkceMethod } from './pkce-method';
import { validateChallenge, validateVerifier } from './pkce-text';
import { s256Challenges, verifyPkce, type Sha256 } from './verify-pkce';

const sha256: Sha256 = (input) => createHash('sha256').update(input, 'utf8').digest();

// RFC 7636 Appendix B, and what @livechat/accounts-sdk sends for the same verifier (compat.md "PKCE").
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const SDK_CHALLENGE =
  'MzMyNjAzMDMwLDQzNzk2NzA4NCw3OTAwMTYyNjgsMTI4NTA0MTY3MiwxOTkwNzUyNDI5LDE4NDQ1MjgyMTQsMTg2MDI3NDUwNiwtODgxNzg4NDc3';

/** The SDK's encoding written independently of the code under test. */
function sdkChallenge(verifier: string): string {
  const digest = createHash('sha256').update(verifier).digest();
  const words = [0, 4, 8, 12, 16, 20, 24, 28].map((offset) => digest.readInt32BE(offset));
  return Buffer.from(words.join(','), 'ascii').toString('base64url');
}

describe('PKCE', () => {
  describe('s256Challenges', () => {
    it('computes both encodings of RFC 7636 Appendix B', () => {
      expect(s256Challenges(VERIFIER, sha256)).toEqual({ rfc7636: RFC_CHALLENGE, accountsSdk: SDK_CHALLENGE });
    });

    it.each([['a'.repeat(43)], ['~'.repeat(128)], ['0123456789-._~abcdefghijklmnopqrstuvwxyzABCDEFG']])('matches both encodings for %s', (verifier) => {
      const expected = { rfc7636: createHash('sha256').update(verifier).digest('base64url'), accountsSdk: sdkChallenge(verifier) };
      expect(s256Challenges(verifier, sha256)).toEqual(expected);
    });

    it('reads the digest where the hash function put it inside a larger buffer', () => {
      const offsetSha256: Sha256 = (input) => {
        const big = new Uint8Array(40);
        big.set(sha256(input), 5);
        return big.subarray(5, 37);
      };
      expect(s256Challenges(VERIFIER, offsetSha256)).toEqual({ rfc7636: RFC_CHALLENGE, accountsSdk: SDK_CHALLENGE });
    });
  });

  describe('verifyPkce', () => {
    const other = 'x'.repeat(43);
    it.each<[string, string | undefined | null, string, string, boolean]>([
      ['S256, RFC 7636 encoding', 'S256', RFC_CHALLENGE, VERIFIER, true],
      ['S256, accounts SDK encoding', 'S256', SDK_CHALLENGE, VERIFIER, true],
      ['s256 in lower case', 's256', RFC_CHALLENGE, VERIFIER, true],
      ['s256 in lower case, SDK encoding', 's256', SDK_CHALLENGE, VERIFIER, true],
      ['S256 with another verifier', 'S256', RFC_CHALLENGE, other, false],
      ['S256 with another verifier, SDK encoding', 'S256', SDK_CHALLENGE, other, false],
      ['S256 when the challenge is the verifier itself', 'S256', VERIFIER, VERIFIER, false],
      ['S256 with a padded challenge', 'S256', `${RFC_CHALLENGE}=`, VERIFIER, false],
      ['S256 with the standard base64 alphabet', 'S256', Buffer.from(RFC_CHALLENGE, 'base64url').toString('base64').replace(/=+$/, ''), VERIFIER, false],
      ['S256 with one character changed', 'S256', RFC_CHALLENGE.replace('E9', 'E8'), VERIFIER, false],
      ['plain, equal', 'plain', VERIFIER, VERIFIER, true],
      ['PLAIN in upper case', 'PLAIN', VERIFIER, VERIFIER, true],
      ['no method means plain', undefined, VERIFIER, VERIFIER, true],
      ['an empty method means plain', '', VERIFIER, VERIFIER, true],
      ['a null method means plain', null, VERIFIER, VERIFIER, true],
      ['plain, different', 'plain', other, VERIFIER, false],
      ['plain, a prefix of the verifier', 'plain', VERIFIER.slice(0, 43), `${VERIFIER}x`, false],
      ['plain given the S256 challenge', 'plain', RFC_CHALLENGE, VERIFIER, false],
      ['no method given the S256 challenge', undefined, RFC_CHALLENGE, VERIFIER, false],
      ['an unknown method', 'S512', RFC_CHALLENGE, VERIFIER, false],
      ['a 42-character verifier, even when equal', 'plain', 'a'.repeat(42), 'a'.repeat(42), false],
      ['a 129-character verifier, even when equal', 'plain', 'a'.repeat(129), 'a'.repeat(129), false],
      ['a 128-character verifier', 'plain', 'a'.repeat(128), 'a'.repeat(128), true],
      ['a verifier with a space, even when equal', 'plain', `${'a'.repeat(42)} `, `${'a'.repeat(42)} `, false],
      ['an empty verifier against an empty challenge', 'plain', '', '', false],
    ])('%s', (_case, method, challenge, verifier, expected) => {
      expect(verifyPkce({ method, challenge, verifier, sha256 })).toBe(expected);
    });

    it('never calls the hash for plain', () => {
      const hash = jest.fn(sha256);
      expect(verifyPkce({ method: 'plain', challenge: VERIFIER, verifier: VERIFIER, sha256: hash })).toBe(true);
      expect(hash).not.toHaveBeenCalled();
    });
  });

  describe('validateChallenge', () => {
    it.each<[string, string | undefined | null, boolean]>([
      [RFC_CHALLENGE, 'S256', true],
      [SDK_CHALLENGE, 'S256', true],
      [RFC_CHALLENGE, 's256', true],
      [RFC_CHALLENGE, 'PLAIN', true],
      [RFC_CHALLENGE, undefined, true],
      [RFC_CHALLENGE, null, true],
      [RFC_CHALLENGE, '', true],
      ['a'.repeat(43), 'plain', true],
      ['a'.repeat(42), 'plain', false],
      ['a'.repeat(128), 'plain', true],
      ['a'.repeat(129), 'plain', false],
      ['-._~'.repeat(11), 'plain', true],
      [`${RFC_CHALLENGE}=`, 'S256', false],
      [`${RFC_CHALLENGE.slice(1)}+`, 'S256', false],
      [`${RFC_CHALLENGE.slice(1)}/`, 'S256', false],
      [`${RFC_CHALLENGE.slice(1)}é`, 'S256', false],
      ['', 'plain', false],
      [RFC_CHALLENGE, 'sha256', false],
      [RFC_CHALLENGE, 'S 256', false],
    ])('%j with method %j is valid: %s', (challenge, method, valid) => {
      const problem = validateChallenge(challenge, method);
      if (valid) expect(problem).toBeUndefined();
      else expect(problem).toMatch(/code_challenge/);
    });

    it('names the method when the method is the problem', () => {
      expect(validateChallenge(RFC_CHALLENGE, 'md5')).toMatch(/code_challenge_method/);
    });
  });

  describe('validateVerifier', () => {
    it.each([
      [VERIFIER, true],
      ['a'.repeat(43), true],
      ['Z'.repeat(128), true],
      ['a'.repeat(42), false],
      ['a'.repeat(129), false],
      [`${'a'.repeat(42)}=`, false],
      [`${'a'.repeat(42)}%`, false],
      ['', false],
    ])('%j is valid: %s', (verifier, valid) => {
      expect(validateVerifier(verifier) === undefined).toBe(valid);
    });
  });

  describe('parsePkceMethod', () => {
    it.each([
      [undefined, 'plain'],
      [null, 'plain'],
      ['', 'plain'],
      ['plain', 'plain'],
      ['Plain', 'plain'],
      ['S256', 'S256'],
      ['s256', 'S256'],
      ['S384', undefined],
      ['plain ', undefined],
    ])('reads %j as %j', (text, method) => {
      expect(parsePkceMethod(text)).toBe(method);
    });
  });
});
