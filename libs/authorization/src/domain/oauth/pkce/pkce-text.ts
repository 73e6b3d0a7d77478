import { parsePkceMethod } from './pkce-method';

/**
 * Challenges and verifiers are 43 to 128 characters of the URI unreserved set
 * (RFC 7636 sections 4.1 and 4.2): letters, digits, `-`, `.`, `_` and `~`.
 */
const UNRESERVED_43_TO_128 = /^[A-Za-z0-9\-._~]{43,128}$/;

/** What is wrong with an authorize request's `code_challenge` and `code_challenge_method`, if anything. */
export function validateChallenge(challenge: string, method?: string | null): string | undefined {
  if (parsePkceMethod(method) === undefined) return 'code_challenge_method must be plain or S256';
  if (!UNRESERVED_43_TO_128.test(challenge)) return 'code_challenge must be 43 to 128 characters of A-Z, a-z, 0-9, "-", ".", "_" and "~"';
  return undefined;
}

/** What is wrong with a token request's `code_verifier`, if anything. */
export function validateVerifier(verifier: string): string | undefined {
  if (!UNRESERVED_43_TO_128.test(verifier)) return 'code_verifier must be 43 to 128 characters of A-Z, a-z, 0-9, "-", ".", "_" and "~"';
  return undefined;
}
