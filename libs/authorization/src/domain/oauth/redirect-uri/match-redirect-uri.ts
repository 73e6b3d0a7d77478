/**
 * Whether an authorize request's `redirect_uri` is one the client allows (compat.md "Authorize"):
 * - scheme and host[:port] equal. Hosts compare case-insensitively (and IDNs in punycode), a
 *   scheme's default port equals no port (`https://x:443` is `https://x`);
 * - the configured path is a prefix of the requested path, on whole segments: `/cb` allows `/cb`,
 *   `/cb/` and `/cb/x` but not `/cbx`; `/cb/` allows `/cb/x` but not `/cb`; `/` allows every path.
 *   Paths compare case-sensitively and byte for byte (no percent-decoding);
 * - the requested URI has no path traversal, no query and no fragment. Traversal is any `.` or `..`
 *   segment, also percent-encoded (`%2e`, `%2E`, double-encoded `%252e`) and also when an encoded
 *   slash (`%2f`, `%5c`) would make one for a server that decodes it. A `?` or `#` anywhere refuses
 *   the URI, even an empty query or fragment;
 * - and, beyond the note: only absolute http(s) URIs, with no user info (`https://app@evil.com`
 *   has host `evil.com`, and `https://user@app/` is refused as well), no backslash, no whitespace or
 *   control characters (browsers drop or rewrite those, so the URI checked would not be the one
 *   followed).
 * The configured URIs were checked at registration; one that no longer parses matches nothing, and
 * a configured query or fragment is not compared.
 */
export type RedirectUriMatch = 'ok' | 'invalid_redirect_uri';

export function matchRedirectUri(requested: string, allowed: readonly string[]): RedirectUriMatch {
  const target = parseRequested(requested);
  if (!target) return 'invalid_redirect_uri';
  return allowed.some((uri) => allows(uri, target)) ? 'ok' : 'invalid_redirect_uri';
}

function parseRequested(requested: string): URL | undefined {
  if (hasRefusedCharacter(requested)) return undefined;
  const url = parseHttpUrl(requested);
  if (!url || url.username || url.password) return undefined;
  const { authority, path } = rawParts(requested);
  if (authority.includes('@') || hasDotSegment(path)) return undefined;
  return url;
}

/** Anything a browser would silently drop or rewrite, and the query and fragment delimiters. */
function hasRefusedCharacter(uri: string): boolean {
  for (let i = 0; i < uri.length; i++) {
    const code = uri.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f || uri[i] === '\\' || uri[i] === '?' || uri[i] === '#') return true;
  }
  return false;
}

function parseHttpUrl(text: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
}

/** Authority and path as written, before URL parsing resolves dot segments and user info away. */
function rawParts(uri: string): { authority: string; path: string } {
  const afterScheme = uri.replace(/^[a-z][a-z0-9+.-]*:\/*/i, '');
  const slash = afterScheme.indexOf('/');
  return slash === -1 ? { authority: afterScheme, path: '' } : { authority: afterScheme.slice(0, slash), path: afterScheme.slice(slash) };
}

function hasDotSegment(path: string): boolean {
  let decoded = path;
  // Undo any depth of %25 ("%") encoding, then decode the characters that make segments.
  while (/%25/i.test(decoded)) decoded = decoded.replace(/%25/gi, '%');
  decoded = decoded.replace(/%2e/gi, '.').replace(/%2f|%5c/gi, '/');
  return decoded.split('/').some((segment) => segment === '.' || segment === '..');
}

function allows(configured: string, target: URL): boolean {
  const allowed = parseHttpUrl(configured);
  if (!allowed) return false;
  if (allowed.protocol !== target.protocol || allowed.hostname !== target.hostname || allowed.port !== target.port) return false;
  const prefix = allowed.pathname;
  const path = target.pathname;
  return path === prefix || (path.startsWith(prefix) && (prefix.endsWith('/') || path[prefix.length] === '/'));
}
