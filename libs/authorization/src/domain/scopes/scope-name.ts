/**
 * The grammar of a scope name: `<resource>--<range>:<access>`, e.g. `accounts.roles--all:rw`.
 * Parsing once here keeps every other rule (grants, catalogue checks) free of string surgery.
 */

/** `my`: what the credential's own account owns; `all`: everything in its organization. */
export type ScopeRange = 'my' | 'all';

/** `ro`: read; `rc`: read and create; `rw`: read and write (which includes creating). */
export type ScopeAccess = 'ro' | 'rc' | 'rw';

export interface ScopeParts {
  /** Dotted resource path, e.g. `accounts` or `accounts.roles`; a sub-resource is a resource of its own. */
  readonly resource: string;
  readonly range: ScopeRange;
  readonly access: ScopeAccess;
}

// The resource may hold single dashes and dots (product scopes such as `agents-bot--my:rw` exist);
// the first `--` ends it.
const SCOPE_NAME = /^([a-z][a-z0-9_]*(?:[.-][a-z0-9_]+)*)--(my|all):(ro|rc|rw)$/;

/** The parts of a scope name, or undefined when the name does not follow the grammar. */
export function parseScopeName(name: string): ScopeParts | undefined {
  const match = SCOPE_NAME.exec(name);
  if (!match) return undefined;
  return { resource: match[1], range: match[2] as ScopeRange, access: match[3] as ScopeAccess };
}
