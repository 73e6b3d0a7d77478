/**
 * The scopes this service knows: every scope compat.md ("Roles and scopes") and the spec name.
 * Custom roles and personal access tokens may only carry these, so a typo cannot create a scope that
 * no route ever checks (and that would look like a grant in the UI while granting nothing).
 */
export const KNOWN_SCOPES = [
  'accounts--my:ro',
  'accounts--my:rw',
  'accounts--all:ro',
  'accounts--all:rc',
  'accounts--all:rw',
  'accounts.roles--all:ro',
  'accounts.roles--all:rw',
  'accounts.password--my:rw',
  'sessions--my:ro',
  'sessions--my:rw',
  'organization--my:rw',
] as const;

export type KnownScope = (typeof KNOWN_SCOPES)[number];

const KNOWN = new Set<string>(KNOWN_SCOPES);

export function isKnownScope(name: string): name is KnownScope {
  return KNOWN.has(name);
}
