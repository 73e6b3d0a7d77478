/**
 * The headers every reply carries. A JSON API needs few: no MIME sniffing, no referrer leaks, no
 * framing. Browser-document policies (CSP and friends) are left to routes that render HTML.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

interface HeaderWriter {
  hasHeader(name: string): boolean;
  header(name: string, value: string): unknown;
}

/**
 * Adds the security headers the reply does not set itself, so a route can opt out of one by
 * setting its own value (e.g. X-Frame-Options: SAMEORIGIN for a page meant to be framed).
 */
export function applySecurityHeaders(reply: HeaderWriter): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (!reply.hasHeader(name)) reply.header(name, value);
  }
}
