import { parseScopeName, type ScopeAccess, type ScopeParts, type ScopeRange } from './scope-name';

/**
 * The scope algebra of compat.md and design.md section 5:
 * - access: `rw` covers `rc` and `ro`; `rc` (read and create) covers `ro` only. Writing includes
 *   creating, so whoever may write may also create; creating does not include changing.
 * - range: `all` covers `my`, never the reverse.
 * - resource: exact. `accounts--all:rw` does not grant `accounts.roles--all:ro`: sub-resources are
 *   guarded separately (a member reads all accounts but must not change roles).
 * A name outside the grammar grants only itself, so tokens carrying another product's odd scope names
 * still pass a check for exactly that name and nothing more.
 */

const ACCESS_COVERS: Readonly<Record<ScopeAccess, readonly ScopeAccess[]>> = {
  ro: ['ro'],
  rc: ['rc', 'ro'],
  rw: ['rw', 'rc', 'ro'],
};

const RANGE_COVERS: Readonly<Record<ScopeRange, readonly ScopeRange[]>> = {
  my: ['my'],
  all: ['all', 'my'],
};

function covers(held: ScopeParts, needed: ScopeParts): boolean {
  return held.resource === needed.resource && RANGE_COVERS[held.range].includes(needed.range) && ACCESS_COVERS[held.access].includes(needed.access);
}

/** Whether one of the granted scopes grants the required one. */
export function grants(granted: readonly string[], required: string): boolean {
  const needed = parseScopeName(required);
  return granted.some((scope) => {
    if (scope === required) return true;
    const held = needed && parseScopeName(scope);
    return held ? covers(held, needed) : false;
  });
}

/**
 * Whether the granted scopes grant at least one of the alternatives, as the spec lists them per
 * operation (e.g. creating an account takes `accounts--all:rw` or `accounts--all:rc`). An empty list
 * of alternatives means the operation needs no scope (the spec's `OAuth2 Bearer Token: null`), so it
 * is granted.
 */
export function grantsAny(granted: readonly string[], requiredAlternatives: readonly string[]): boolean {
  return requiredAlternatives.length === 0 || requiredAlternatives.some((required) => grants(granted, required));
}

/**
 * The requested scopes that the allowed ones grant, deduplicated, in request order. This is how a
 * credential is cut down to what its holder may have: an OAuth grant to the account's role scopes,
 * a personal access token to its creator's ("must be a subset of the caller's").
 */
export function narrowScopes(requested: readonly string[], allowed: readonly string[]): string[] {
  return [...new Set(requested)].filter((scope) => grants(allowed, scope));
}

/** The requested scopes that the allowed ones do not grant: what a refusal should name. */
export function scopesNotGranted(requested: readonly string[], allowed: readonly string[]): string[] {
  return [...new Set(requested)].filter((scope) => !grants(allowed, scope));
}
