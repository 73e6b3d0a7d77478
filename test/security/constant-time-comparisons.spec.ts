import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/**
 * Secrets are compared in constant time. Two checks over the production source: every place that
 * compares a secret a client presents (cookie signatures, CSRF values, client secrets, PKCE
 * verifiers) does it with crypto.timingSafeEqual or a full-length loop; and no `===`/`!==` anywhere
 * compares a value named like a secret, hash, signature, CSRF value, verifier or challenge (which
 * would return at the first differing character). Two SHA-256 digests may be compared plainly (the
 * deciders do so for codes and refresh tokens): an attacker chooses the input, not the digest, so
 * an early exit reveals at most how many leading digest bytes of a guess match, which brings no
 * preimage closer. For the same reason access tokens and PATs are looked up by their digest.
 */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === 'node_modules' || entry === 'testing' ? [] : sourceFiles(full);
    return full.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(full) ? [full] : [];
  });
}

const FILES = [...sourceFiles(path.join(ROOT, 'libs')), ...sourceFiles(path.join(ROOT, 'apps'))];
const read = (relative: string) => readFileSync(path.join(ROOT, relative), 'utf8');

/** The comparison sites of presented secrets, and the constant-time primitive each must use. */
const SITES: { file: string; what: string; uses: RegExp }[] = [
  { file: 'libs/platform/src/http/cookie-signer.ts', what: 'signed cookie HMACs', uses: /timingSafeEqual\(/ },
  { file: 'libs/authorization/src/http/authorize/authorize.controller.ts', what: 'CSRF double-submit values', uses: /timingSafeEqual\(/ },
  { file: 'libs/authorization/src/application/oauth/client-authentication.ts', what: 'client secrets (as SHA-256 hashes)', uses: /timingSafeEqual\(/ },
  { file: 'libs/authorization/src/domain/oauth/pkce/verify-pkce.ts', what: 'PKCE verifiers against challenges', uses: /difference \|=/ },
];

/** `left === right` or `left !== right`, each side an identifier, member access or literal. */
const COMPARISON = /([\w.?!\])]+)\s*(===|!==)\s*([\w.'"?![(]+)/g;
const SECRET_NAME = /\b\w*(secret|hash|signature|csrf|hmac|verifier|challenge|password)\w*\b/i;
const HARMLESS = /^(undefined|null|'[^']*'|"[^"]*"|\d+|true|false)$/;

describe('constant-time secret comparisons', () => {
  it.each(SITES)('compares $what in constant time ($file)', ({ file, uses }) => {
    expect(read(file)).toMatch(uses);
  });

  it('compares no secret-named value with === or !== anywhere in the service', () => {
    const offenders: string[] = [];
    for (const file of FILES) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (/^\s*(\/\/|\*)/.test(line)) return;
          for (const match of line.matchAll(COMPARISON)) {
            const [, left, , right] = match;
            if (HARMLESS.test(right) || HARMLESS.test(left) || /\.length$|typeof/.test(left) || /^typeof/.test(right)) continue;
            if (/hash$/i.test(left) && /hash$/i.test(right)) continue;
            if (SECRET_NAME.test(left) && SECRET_NAME.test(right)) offenders.push(`${path.relative(ROOT, file)}:${index + 1}: ${line.trim()}`);
          }
        });
    }
    expect(offenders).toEqual([]);
  });

  it('would notice a plain comparison (the scan is not blind)', () => {
    const sample = 'if (presentedSecret === storedSecretHash) return true;';
    expect([...sample.matchAll(COMPARISON)].some(([, l, , r]) => SECRET_NAME.test(l) && SECRET_NAME.test(r))).toBe(true);
  });
});
