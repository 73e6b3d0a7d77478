/**
 * A client's allowed redirect URIs. Each must be an absolute http(s) URI without a fragment; the
 * authorize endpoint later accepts a requested URI when scheme and host[:port] are equal and the
 * allowed path is a prefix of the requested one.
 */
export function parseRedirectUris(text: string): string[] {
  return [...new Set(text.split(',').map((uri) => uri.trim()).filter(Boolean))];
}

export function redirectUriProblem(uri: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    return `not an absolute URI: ${uri}`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return `only http and https redirect URIs are allowed: ${uri}`;
  if (parsed.hash) return `a redirect URI has no fragment: ${uri}`;
  if (parsed.username || parsed.password) return `a redirect URI has no credentials: ${uri}`;
  return undefined;
}
