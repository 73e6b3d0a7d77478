import { parseScopeName, parsedScopeNamesKept } from './scope-name';

describe('parseScopeName', () => {
  it.each([
    ['accounts--my:ro', { resource: 'accounts', range: 'my', access: 'ro' }],
    ['accounts--all:rc', { resource: 'accounts', range: 'all', access: 'rc' }],
    ['accounts.roles--all:rw', { resource: 'accounts.roles', range: 'all', access: 'rw' }],
    ['accounts.password--my:rw', { resource: 'accounts.password', range: 'my', access: 'rw' }],
    ['agents-bot--my:rw', { resource: 'agents-bot', range: 'my', access: 'rw' }],
  ])('reads %s into its parts', (name, parts) => {
    expect(parseScopeName(name)).toEqual(parts);
  });

  it.each([
    [''],
    ['accounts'],
    ['accounts--my'],
    ['accounts:ro'],
    ['accounts-my:ro'],
    ['accounts--mine:ro'],
    ['accounts--my:wo'],
    ['Accounts--my:ro'],
    ['accounts--my:ro '],
    [' accounts--my:ro'],
    ['--my:ro'],
    ['accounts---my:ro'],
    ['accounts..roles--all:ro'],
    ['accounts--all:rw,accounts--my:ro'],
  ])('rejects %j, which does not follow <resource>--<range>:<access>', (name) => {
    expect(parseScopeName(name)).toBeUndefined();
  });

  it('given a name parsed before, when parsed again, then it reads the same (valid or not)', () => {
    expect(parseScopeName('billing--all:rc')).toEqual({ resource: 'billing', range: 'all', access: 'rc' });
    expect(parseScopeName('billing--all:rc')).toEqual({ resource: 'billing', range: 'all', access: 'rc' });
    expect(parseScopeName('billing--all')).toBeUndefined();
    expect(parseScopeName('billing--all')).toBeUndefined();
  });

  it('given more made-up names than it keeps, when parsed, then the names kept stay within the bound', () => {
    for (let i = 0; i < 10_000; i++) parseScopeName(`made-up${i}--my:ro`);

    expect(parsedScopeNamesKept()).toBeLessThanOrEqual(4096);
    expect(parseScopeName('made-up9999--my:ro')).toEqual({ resource: 'made-up9999', range: 'my', access: 'ro' });
  });
});
