/**
 * Scope lists as they travel: comma-separated in tokens, role details and most requests, but some
 * clients send `scope` space-separated in the authorize request (compat.md "Tokens"), so reading
 * accepts both while writing always uses the comma form.
 */

/** Splits on commas and whitespace, drops empty entries and repeats; keeps first-seen order. */
export function parseScopeList(text: string | null | undefined): string[] {
  if (!text) return [];
  const seen = new Set<string>();
  for (const part of text.split(/[\s,]+/)) {
    if (part) seen.add(part);
  }
  return [...seen];
}

/**
 * One canonical text per set of scopes: deduplicated, sorted by code unit (not by locale, so every
 * process and every replay writes the same string), comma-joined without spaces.
 */
export function formatScopeList(scopes: Iterable<string>): string {
  return sortScopes(scopes).join(',');
}

/** The deduplicated scopes in the canonical order used everywhere a list is stored or shown. */
export function sortScopes(scopes: Iterable<string>): string[] {
  return [...new Set(scopes)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
