/**
 * The scope catalogue of compat.md ("Roles and scopes"), written out for the tests so they do not
 * lean on the code they check. The owner role holds all of them.
 */
export const ALL_SCOPES = [
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

const ACCESS_COVERS: Record<string, string[]> = { ro: ['ro'], rc: ['rc', 'ro'], rw: ['rw', 'rc', 'ro'] };
const RANGE_COVERS: Record<string, string[]> = { my: ['my'], all: ['all', 'my'] };

/** Whether holding `held` grants `needed`, by the algebra of compat.md. */
export function scopeImplies(held: string, needed: string): boolean {
  const parse = (scope: string) => /^([a-z.]+)--(my|all):(ro|rc|rw)$/.exec(scope);
  const h = parse(held);
  const n = parse(needed);
  if (!h || !n) return held === needed;
  return h[1] === n[1] && RANGE_COVERS[h[2]].includes(n[2]) && ACCESS_COVERS[h[3]].includes(n[3]);
}

const holdsAll = (held: readonly string[], needed: readonly string[]) => needed.every((scope) => held.some((h) => scopeImplies(h, scope)));

/**
 * The scope sets that show a route refuses what lacks its scope: for each scope one of its
 * granting alternatives needs, every scope of the catalogue except those that grant it. Kept only
 * when that set satisfies no alternative (an alternative implied by a weaker one, as
 * `accounts--all:rw` by `accounts--all:rc`, yields none), and once per distinct set.
 */
export function scopeSetsWithout(grantedBy: readonly (readonly string[])[]): { needed: string; held: string[] }[] {
  const seen = new Set<string>();
  return grantedBy.flat().flatMap((needed) => {
    const held = ALL_SCOPES.filter((scope) => !scopeImplies(scope, needed));
    const key = held.join(',');
    if (seen.has(key) || grantedBy.some((alternative) => holdsAll(held, alternative))) return [];
    seen.add(key);
    return [{ needed, held }];
  });
}
