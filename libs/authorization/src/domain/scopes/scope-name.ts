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

/**
 * Names parsed before, with `null` for those outside the grammar. Every request's scope check parses
 * each scope its credential holds, always the same few dozen names; the bound keeps names a client
 * makes up (a requested scope) from growing it without end.
 */
const parsedNames = new Map<string, ScopeParts | null>();
const PARSED_NAMES_KEPT = 4096;

/** The parts of a scope name, or undefined when the name does not follow the grammar. */
export function parseScopeName(name: string): ScopeParts | undefined {
  const known = parsedNames.get(name);
  if (known !== undefined) return known ?? undefined;
  const match = SCOPE_NAME.exec(name);
  const parts = match ? Object.freeze({ resource: match[1], range: match[2] as ScopeRange, access: match[3] as ScopeAccess }) : null;
  if (parsedNames.size >= PARSED_NAMES_KEPT) parsedNames.clear();
  parsedNames.set(name, parts);
  return parts ?? undefined;
}

/** How many names are kept parsed (bounded: see parsedNames). */
export function parsedScopeNamesKept(): number {
  return parsedNames.size;
}
