import { isKnownScope, KNOWN_SCOPES } from './known-scopes';
import { parseScopeName } from './scope-name';

describe('KNOWN_SCOPES', () => {
  it('lists every scope compat.md names, each once', () => {
    expect([...KNOWN_SCOPES].sort()).toEqual(
      [
        'accounts--all:rc',
        'accounts--all:ro',
        'accounts--all:rw',
        'accounts--my:ro',
        'accounts--my:rw',
        'accounts.password--my:rw',
        'accounts.roles--all:ro',
        'accounts.roles--all:rw',
        'organization--my:rw',
        'sessions--my:ro',
        'sessions--my:rw',
      ].sort(),
    );
    expect(new Set(KNOWN_SCOPES).size).toBe(KNOWN_SCOPES.length);
  });

  it.each(KNOWN_SCOPES.map((scope) => [scope]))('%s follows the scope grammar', (scope) => {
    expect(parseScopeName(scope)).toBeDefined();
  });
});

describe('isKnownScope', () => {
  it.each(KNOWN_SCOPES.map((scope) => [scope]))('knows %s', (scope) => {
    expect(isKnownScope(scope)).toBe(true);
  });

  it.each([['accounts--all:wo'], ['organization--all:rw'], ['sessions--all:rw'], ['ACCOUNTS--MY:RO'], [''], ['accounts--my:ro,sessions--my:ro'], ['chats--all:ro']])(
    'does not know %j',
    (scope) => {
      expect(isKnownScope(scope)).toBe(false);
    },
  );
});
