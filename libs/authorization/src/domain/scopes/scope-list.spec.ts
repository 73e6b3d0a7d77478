import { formatScopeList, parseScopeList, sortScopes } from './scope-list';

describe('parseScopeList', () => {
  it.each<[string | null | undefined, string[]]>([
    ['accounts--my:ro,sessions--my:rw', ['accounts--my:ro', 'sessions--my:rw']],
    ['accounts--my:ro sessions--my:rw', ['accounts--my:ro', 'sessions--my:rw']],
    ['accounts--my:ro, sessions--my:rw', ['accounts--my:ro', 'sessions--my:rw']],
    ['  accounts--my:ro \t\n sessions--my:rw  ', ['accounts--my:ro', 'sessions--my:rw']],
    ['accounts--my:ro,,sessions--my:rw,', ['accounts--my:ro', 'sessions--my:rw']],
    ['sessions--my:rw,accounts--my:ro,sessions--my:rw', ['sessions--my:rw', 'accounts--my:ro']],
    ['accounts--my:ro', ['accounts--my:ro']],
    [',, , ', []],
    ['', []],
    [null, []],
    [undefined, []],
  ])('reads %j as %j', (text, scopes) => {
    expect(parseScopeList(text)).toEqual(scopes);
  });
});

describe('formatScopeList', () => {
  it.each<[string[], string]>([
    [[], ''],
    [['accounts--my:ro'], 'accounts--my:ro'],
    [['sessions--my:rw', 'accounts--my:ro'], 'accounts--my:ro,sessions--my:rw'],
    [['accounts.roles--all:ro', 'accounts--all:rw', 'accounts--all:rw'], 'accounts--all:rw,accounts.roles--all:ro'],
  ])('writes %j as %j', (scopes, text) => {
    expect(formatScopeList(scopes)).toBe(text);
  });

  it('writes the same text whatever the order it was given', () => {
    const scopes = ['sessions--my:ro', 'accounts--my:rw', 'organization--my:rw', 'accounts.password--my:rw'];
    expect(formatScopeList([...scopes].reverse())).toBe(formatScopeList(scopes));
  });

  it('reads back what it wrote', () => {
    const scopes = ['sessions--my:ro', 'accounts--all:rc', 'accounts--my:rw'];
    expect(parseScopeList(formatScopeList(scopes))).toEqual(sortScopes(scopes));
  });
});

describe('sortScopes', () => {
  it('orders by code unit and drops repeats, leaving its input untouched', () => {
    const input = ['b', 'a', 'B', 'a'];
    expect(sortScopes(input)).toEqual(['B', 'a', 'b']);
    expect(input).toEqual(['b', 'a', 'B', 'a']);
  });
});
