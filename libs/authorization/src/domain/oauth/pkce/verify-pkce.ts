import { asciiBytes, base64UrlEncode } from './base64url';
import { parsePkceMethod } from './pkce-method';
import { validateVerifier } from './pkce-text';

/** SHA-256 of the UTF-8 bytes of `input`; the application passes node's, the domain does no hashing. */
export type Sha256 = (input: string) => Uint8Array;

/**
 * The challenges an S256 verifier may answer (compat.md "PKCE"):
 * - `rfc7636`: base64url(SHA-256(verifier)), the standard one;
 * - `accountsSdk`: what the `@livechat/accounts-sdk` sends: the digest read as eight signed 32-bit
 *   big-endian integers, written in decimal, comma-joined, and that ASCII text base64url-encoded.
 */
export function s256Challenges(verifier: string, sha256: Sha256): { rfc7636: string; accountsSdk: string } {
  const digest = sha256(verifier);
  const view = new DataView(digest.buffer, digest.byteOffset, digest.byteLength);
  const words: number[] = [];
  for (let offset = 0; offset + 4 <= digest.byteLength; offset += 4) words.push(view.getInt32(offset, false));
  return { rfc7636: base64UrlEncode(digest), accountsSdk: base64UrlEncode(asciiBytes(words.join(','))) };
}

export interface PkceProof {
  /** `plain` or `S256`, in any case; absent means `plain`. */
  readonly method?: string | null;
  readonly challenge: string;
  readonly verifier: string;
  readonly sha256: Sha256;
}

/**
 * Whether the token request's verifier answers the authorize request's challenge. A verifier
 * outside RFC 7636's syntax never does, nor does an unknown method. Both S256 encodings pass.
 */
export function verifyPkce({ method, challenge, verifier, sha256 }: PkceProof): boolean {
  if (validateVerifier(verifier) !== undefined) return false;
  switch (parsePkceMethod(method)) {
    case 'plain':
      return sameText(verifier, challenge);
    case 'S256': {
      const { rfc7636, accountsSdk } = s256Challenges(verifier, sha256);
      return sameText(rfc7636, challenge) || sameText(accountsSdk, challenge);
    }
    default:
      return false;
  }
}

/** Compares every character whatever the first difference, so timing says nothing about a prefix. */
function sameText(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) difference |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return difference === 0;
}
