/**
 * PKCE challenge methods (RFC 7636 section 4.3). Clients write the name in any case
 * (compat.md "Authorize"), so reading is case-insensitive and the canonical spelling is kept.
 */
export const PKCE_METHODS = ['plain', 'S256'] as const;

export type PkceMethod = (typeof PKCE_METHODS)[number];

/** The method a request names; absent or empty means `plain`, the RFC's default. Unknown: undefined. */
export function parsePkceMethod(method: string | null | undefined): PkceMethod | undefined {
  if (method === undefined || method === null || method === '') return 'plain';
  return PKCE_METHODS.find((known) => known.toLowerCase() === method.toLowerCase());
}
