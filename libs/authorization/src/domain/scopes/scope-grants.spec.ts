import { grants, grantsAny, narrowScopes, scopesNotGranted } from './scope-grants';

describe('grants', () => {
  it.each<[string, string, boolean]>([
    // the same scope
    ['accounts--my:ro', 'accounts--my:ro', true],
    ['accounts--all:rc', 'accounts--all:rc', true],
    // access: rw covers rc and ro; rc covers ro; nothing covers upwards
    ['accounts--my:rw', 'accounts--my:ro', true],
    ['accounts--all:rw', 'accounts--all:rc', true],
    ['accounts--all:rc', 'accounts--all:ro', true],
    ['accounts--all:rc', 'accounts--all:rw', false],
    ['accounts--my:ro', 'accounts--my:rw', false],
    ['accounts--all:ro', 'accounts--all:rc', false],
    // range: all covers my; my never covers all
    ['accounts--all:ro', 'accounts--my:ro', true],
    ['accounts--my:ro', 'accounts--all:ro', false],
    ['accounts--my:rw', 'accounts--all:ro', false],
    // range and access together
    ['accounts--all:rw', 'accounts--my:ro', true],
    ['accounts--all:rc', 'accounts--my:ro', true],
    ['accounts--all:rc', 'accounts--my:rw', false],
    ['accounts.roles--all:rw', 'accounts.roles--my:ro', true],
    // resource is exact: no parent-child inheritance, no prefix match
    ['accounts--all:rw', 'accounts.roles--all:ro', false],
    ['accounts--all:rw', 'accounts.password--my:rw', false],
    ['accounts.roles--all:rw', 'accounts--all:ro', false],
    ['sessions--my:rw', 'accounts--my:ro', false],
    ['organization--my:rw', 'organization--all:ro', false],
    // names outside the grammar grant only themselves
    ['webhooks.configuration:rw', 'webhooks.configuration:rw', true],
    ['webhooks.configuration:rw', 'webhooks.configuration:ro', false],
    ['accounts--all:rw', 'accounts--all', false],
    ['accounts--all', 'accounts--all:ro', false],
    ['', 'accounts--my:ro', false],
  ])('%s grants %s: %s', (granted, required, expected) => {
    expect(grants([granted], required)).toBe(expected);
  });

  it('grants when any one of several scopes covers the requirement', () => {
    expect(grants(['sessions--my:ro', 'accounts--all:ro'], 'accounts--my:ro')).toBe(true);
    expect(grants(['sessions--my:ro', 'accounts--my:ro'], 'accounts--all:ro')).toBe(false);
  });

  it('grants nothing from an empty list', () => {
    expect(grants([], 'accounts--my:ro')).toBe(false);
  });
});

describe('grantsAny', () => {
  it.each<[string[], string[], boolean]>([
    [['accounts--all:rc'], ['accounts--all:rw', 'accounts--all:rc'], true],
    [['accounts--all:rw'], ['accounts--all:rw', 'accounts--all:rc'], true],
    [['accounts--all:ro'], ['accounts--all:rw', 'accounts--all:rc'], false],
    [['accounts--all:ro'], ['accounts--my:ro', 'accounts.roles--all:ro'], true],
    [[], ['accounts--my:ro'], false],
    [[], [], true],
    [['sessions--my:ro'], [], true],
  ])('%j satisfies one of %j: %s', (granted, alternatives, expected) => {
    expect(grantsAny(granted, alternatives)).toBe(expected);
  });
});

describe('narrowScopes and scopesNotGranted', () => {
  const member = [
    'accounts--my:ro',
    'accounts--my:rw',
    'accounts--all:ro',
    'accounts--all:rc',
    'accounts.roles--all:ro',
    'accounts.password--my:rw',
    'sessions--my:ro',
    'sessions--my:rw',
  ];

  it.each<[string[], string[], string[], string[]]>([
    [['accounts--my:ro', 'sessions--my:rw'], member, ['accounts--my:ro', 'sessions--my:rw'], []],
    [['accounts--all:rw', 'accounts--my:ro'], member, ['accounts--my:ro'], ['accounts--all:rw']],
    [['organization--my:rw'], member, [], ['organization--my:rw']],
    [['accounts--my:ro'], ['accounts--all:rw'], ['accounts--my:ro'], []],
    [['accounts--all:rc', 'accounts--all:rc'], ['accounts--all:rw'], ['accounts--all:rc'], []],
    [['sessions--my:rw', 'accounts--my:ro'], ['accounts--all:ro', 'sessions--my:rw'], ['sessions--my:rw', 'accounts--my:ro'], []],
    [[], member, [], []],
    [['accounts--my:ro'], [], [], ['accounts--my:ro']],
  ])('requested %j of %j: keeps %j, refuses %j', (requested, allowed, kept, refused) => {
    expect(narrowScopes(requested, allowed)).toEqual(kept);
    expect(scopesNotGranted(requested, allowed)).toEqual(refused);
  });
});
