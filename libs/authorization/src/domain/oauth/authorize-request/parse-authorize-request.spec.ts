import { parseAuthorizeRequest, type AuthorizeQuery, type AuthorizeRequest, type ParsedAuthorizeRequest } from './parse-authorize-request';

const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const base = { response_type: 'code', client_id: 'c1', redirect_uri: 'https://app.example.com/cb' };
const minimal: AuthorizeRequest = { responseType: 'code', clientId: 'c1', redirectUri: 'https://app.example.com/cb' };

describe('parseAuthorizeRequest', () => {
  it.each<[string, AuthorizeQuery, ParsedAuthorizeRequest]>([
    ['the minimal code request', base, { ok: true, request: minimal }],
    ['a token request', { ...base, response_type: 'token' }, { ok: true, request: { ...minimal, responseType: 'token' } }],
    [
      'every parameter',
      { ...base, state: 'xyz', scope: 'accounts--my:ro,sessions--my:rw', prompt: 'consent', code_challenge: CHALLENGE, code_challenge_method: 'S256', flow: 'button' },
      {
        ok: true,
        request: { ...minimal, state: 'xyz', scopes: ['accounts--my:ro', 'sessions--my:rw'], prompt: 'consent', codeChallenge: CHALLENGE, codeChallengeMethod: 'S256', flow: 'button' },
      },
    ],
    ['space-separated scopes', { ...base, scope: 'accounts--my:ro sessions--my:rw' }, { ok: true, request: { ...minimal, scopes: ['accounts--my:ro', 'sessions--my:rw'] } }],
    ['mixed separators and repeats in scope', { ...base, scope: ' a--my:ro, b--my:ro  a--my:ro,' }, { ok: true, request: { ...minimal, scopes: ['a--my:ro', 'b--my:ro'] } }],
    ['an empty scope: all of the client’s', { ...base, scope: '' }, { ok: true, request: minimal }],
    ['a scope of separators only', { ...base, scope: ' , ' }, { ok: true, request: minimal }],
    ['an empty state is no state', { ...base, state: '' }, { ok: true, request: minimal }],
    ['the text "undefined" as state is kept as sent', { ...base, state: 'undefined' }, { ok: true, request: { ...minimal, state: 'undefined' } }],
    ['state keeps spaces and symbols as sent', { ...base, state: ' a b&c=d ' }, { ok: true, request: { ...minimal, state: ' a b&c=d ' } }],
    ['an empty prompt and flow, as the accounts SDK sends them', { ...base, prompt: '', flow: '' }, { ok: true, request: minimal }],
    ['another prompt is ignored', { ...base, prompt: 'login' }, { ok: true, request: minimal }],
    ['another flow is ignored', { ...base, flow: 'popup' }, { ok: true, request: minimal }],
    ['a challenge without method: plain', { ...base, code_challenge: CHALLENGE }, { ok: true, request: { ...minimal, codeChallenge: CHALLENGE, codeChallengeMethod: 'plain' } }],
    ['a lower-case s256', { ...base, code_challenge: CHALLENGE, code_challenge_method: 's256' }, { ok: true, request: { ...minimal, codeChallenge: CHALLENGE, codeChallengeMethod: 'S256' } }],
    ['an upper-case PLAIN', { ...base, code_challenge: CHALLENGE, code_challenge_method: 'PLAIN' }, { ok: true, request: { ...minimal, codeChallenge: CHALLENGE, codeChallengeMethod: 'plain' } }],
    ['a method without challenge is ignored', { ...base, code_challenge_method: 'S256' }, { ok: true, request: minimal }],
    ['a bad method without challenge is ignored', { ...base, code_challenge_method: 'md5' }, { ok: true, request: minimal }],
    [
      'unknown parameters, even repeated, are ignored',
      { ...base, utm_source: ['a', 'b'], utm_medium: 'accounts-sdk', email: 'ann@example.com', organization_id: 'org-1', foo: undefined },
      { ok: true, request: minimal },
    ],
    ['a one-element list is that value', { ...base, client_id: ['c1'], state: ['s'] }, { ok: true, request: { ...minimal, state: 's' } }],
    ['an empty list is absent', { ...base, state: [] }, { ok: true, request: minimal }],
    // refusals
    ['a repeated client_id', { ...base, client_id: ['c1', 'c2'] }, { ok: false, oauthException: 'invalid_request' }],
    ['a repeated state with the same value', { ...base, state: ['s', 's'] }, { ok: false, oauthException: 'invalid_request' }],
    ['a repeated scope', { ...base, scope: ['a--my:ro', 'b--my:ro'] }, { ok: false, oauthException: 'invalid_request' }],
    ['a repeated flow', { ...base, flow: ['button', 'button'] }, { ok: false, oauthException: 'invalid_request' }],
    ['no client_id', { ...base, client_id: undefined }, { ok: false, oauthException: 'invalid_request', exceptionDetails: 'client_id_not_found' }],
    ['an empty client_id', { ...base, client_id: '' }, { ok: false, oauthException: 'invalid_request', exceptionDetails: 'client_id_not_found' }],
    ['no redirect_uri', { ...base, redirect_uri: undefined }, { ok: false, oauthException: 'invalid_request', exceptionDetails: 'redirect_uri_not_set' }],
    ['no response_type', { ...base, response_type: undefined }, { ok: false, oauthException: 'invalid_request' }],
    ['response_type id_token', { ...base, response_type: 'id_token' }, { ok: false, oauthException: 'unsupported_response_type' }],
    ['response_type "code token"', { ...base, response_type: 'code token' }, { ok: false, oauthException: 'unsupported_response_type' }],
    ['response_type in upper case', { ...base, response_type: 'CODE' }, { ok: false, oauthException: 'unsupported_response_type' }],
    ['a short challenge', { ...base, code_challenge: 'a'.repeat(42) }, { ok: false, oauthException: 'invalid_request' }],
    ['a challenge with padding', { ...base, code_challenge: `${CHALLENGE}=`, code_challenge_method: 'S256' }, { ok: false, oauthException: 'invalid_request' }],
    ['an unknown method with a challenge', { ...base, code_challenge: CHALLENGE, code_challenge_method: 'S512' }, { ok: false, oauthException: 'invalid_request' }],
    ['nothing at all', {}, { ok: false, oauthException: 'invalid_request', exceptionDetails: 'client_id_not_found' }],
  ])('%s', (_case, query, expected) => {
    expect(parseAuthorizeRequest(query)).toEqual(expected);
  });

  it('leaves absent parameters out rather than setting them to undefined', () => {
    const parsed = parseAuthorizeRequest(base);
    expect(parsed.ok && Object.keys(parsed.request).sort()).toEqual(['clientId', 'redirectUri', 'responseType']);
  });

  it('answers the first problem in order: repetition, client, redirect URI, response type, challenge', () => {
    const broken = { response_type: 'id_token', code_challenge: 'short', redirect_uri: undefined };
    expect(parseAuthorizeRequest({ ...broken, client_id: undefined, state: ['a', 'b'] })).toEqual({ ok: false, oauthException: 'invalid_request' });
    expect(parseAuthorizeRequest({ ...broken, client_id: undefined })).toEqual({ ok: false, oauthException: 'invalid_request', exceptionDetails: 'client_id_not_found' });
    expect(parseAuthorizeRequest({ ...broken, client_id: 'c1' })).toEqual({ ok: false, oauthException: 'invalid_request', exceptionDetails: 'redirect_uri_not_set' });
    expect(parseAuthorizeRequest({ ...broken, client_id: 'c1', redirect_uri: 'https://a/' })).toEqual({ ok: false, oauthException: 'unsupported_response_type' });
  });
});
