import { authorizeDecision, type AuthorizeClient, type AuthorizeDecision } from './authorize-decision';
import type { AuthorizeRequest } from './parse-authorize-request';

const client: AuthorizeClient = {
  clientId: 'c1',
  kind: 'public',
  redirectUris: ['https://app.example.com/cb', 'https://other.example.com/'],
  scopes: ['accounts--all:rw', 'sessions--my:rw', 'organization--my:rw'],
};
const request: AuthorizeRequest = { responseType: 'code', clientId: 'c1', redirectUri: 'https://app.example.com/cb' };
const member = ['accounts--my:ro', 'accounts--my:rw', 'accounts--all:ro', 'accounts--all:rc', 'sessions--my:ro', 'sessions--my:rw'];
const owner = [...member, 'accounts--all:rw', 'organization--my:rw'];

describe('authorizeDecision', () => {
  it.each<[string, Partial<AuthorizeRequest>, AuthorizeClient | undefined, readonly string[], AuthorizeDecision]>([
    ['no client', {}, undefined, owner, { ok: false, oauthException: 'unauthorized_client', exceptionDetails: 'client_id_not_found' }],
    ['a client record for another id', {}, { ...client, clientId: 'c2' }, owner, { ok: false, oauthException: 'unauthorized_client', exceptionDetails: 'client_id_not_found' }],
    ['a redirect URI the client does not allow', { redirectUri: 'https://evil.example.com/cb' }, client, owner, { ok: false, oauthException: 'invalid_request', exceptionDetails: 'invalid_redirect_uri' }],
    ['a redirect URI with a query', { redirectUri: 'https://app.example.com/cb?x=1' }, client, owner, { ok: false, oauthException: 'invalid_request', exceptionDetails: 'invalid_redirect_uri' }],
    ['a scope the client lacks', { scopes: ['accounts--my:ro', 'accounts.roles--all:rw'] }, client, owner, { ok: false, oauthException: 'invalid_scope' }],
    ['an unknown scope name', { scopes: ['everything'] }, client, owner, { ok: false, oauthException: 'invalid_scope' }],
    ['all of the client’s scopes for an owner', {}, client, owner, { ok: true, grantedScopes: ['accounts--all:rw', 'organization--my:rw', 'sessions--my:rw'], withheldScopes: [] }],
    [
      'all of the client’s scopes for a member: narrowed to the role',
      {},
      client,
      member,
      { ok: true, grantedScopes: ['sessions--my:rw'], withheldScopes: ['accounts--all:rw', 'organization--my:rw'] },
    ],
    [
      'requested scopes the client’s broader scopes cover',
      { scopes: ['accounts--my:ro', 'accounts--all:ro'] },
      client,
      member,
      { ok: true, grantedScopes: ['accounts--all:ro', 'accounts--my:ro'], withheldScopes: [] },
    ],
    [
      'requested scopes partly beyond the account’s role',
      { scopes: ['organization--my:rw', 'accounts--my:ro'] },
      client,
      member,
      { ok: true, grantedScopes: ['accounts--my:ro'], withheldScopes: ['organization--my:rw'] },
    ],
    ['an account with no scopes', {}, client, [], { ok: true, grantedScopes: [], withheldScopes: ['accounts--all:rw', 'organization--my:rw', 'sessions--my:rw'] }],
    ['a token request from a confidential client', { responseType: 'token' }, { ...client, kind: 'confidential' }, owner, { ok: true, grantedScopes: ['accounts--all:rw', 'organization--my:rw', 'sessions--my:rw'], withheldScopes: [] }],
    ['a code request from a public client on its second URI, deeper path', { redirectUri: 'https://other.example.com/x/y' }, client, ['sessions--my:rw'], { ok: true, grantedScopes: ['sessions--my:rw'], withheldScopes: ['accounts--all:rw', 'organization--my:rw'] }],
  ])('%s', (_case, overrides, givenClient, accountScopes, expected) => {
    expect(authorizeDecision({ request: { ...request, ...overrides }, client: givenClient, accountScopes })).toEqual(expected);
  });

  it('checks the client before the redirect URI, and the redirect URI before the scopes', () => {
    const bad = { ...request, redirectUri: 'https://evil.example.com/', scopes: ['everything'] };
    expect(authorizeDecision({ request: bad, client: undefined, accountScopes: owner })).toMatchObject({ oauthException: 'unauthorized_client' });
    expect(authorizeDecision({ request: bad, client, accountScopes: owner })).toMatchObject({ oauthException: 'invalid_request', exceptionDetails: 'invalid_redirect_uri' });
  });
});
