import { UnauthorizedError } from '@app/platform';
import { OAuthError } from '../../domain';
import { presentedAccessToken, readTokenRequest } from './token-request';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

function refusal(run: () => unknown): OAuthError {
  try {
    run();
  } catch (error) {
    if (error instanceof OAuthError) return error;
    throw error;
  }
  throw new Error('expected an OAuthError');
}

describe('reading a token request', () => {
  const params = { grant_type: 'authorization_code', code: 'dal:abc', redirect_uri: 'https://a.example/cb', code_verifier: 'v', client_id: 'client' };

  it('reads a JSON or form object and form text alike, ignoring unknown parameters', () => {
    const expected = { grantType: 'authorization_code', code: 'dal:abc', redirectUri: 'https://a.example/cb', codeVerifier: 'v', refreshToken: undefined };
    expect(readTokenRequest({ ...params, utm_source: 'x' }, undefined)).toEqual({ ...expected, client: { method: 'none', clientId: 'client', clientSecret: undefined } });
    expect(readTokenRequest(new URLSearchParams(params).toString(), undefined)).toEqual({ ...expected, client: { method: 'none', clientId: 'client', clientSecret: undefined } });
    expect(readTokenRequest(undefined, undefined)).toMatchObject({ grantType: undefined, client: { method: 'none' } });
  });

  it('refuses repeated and non-text parameters and a body that is not an object', () => {
    expect(refusal(() => readTokenRequest({ ...params, code: ['a', 'b'] }, undefined)).oauthCode).toBe('invalid_request');
    expect(refusal(() => readTokenRequest({ ...params, client_id: 42 }, undefined)).oauthCode).toBe('invalid_request');
    expect(refusal(() => readTokenRequest([params], undefined)).oauthCode).toBe('invalid_request');
  });

  it('takes client credentials from the body or from HTTP Basic (form-decoded), never both', () => {
    expect(readTokenRequest({ ...params, client_secret: 's' }, undefined).client).toEqual({ method: 'body', clientId: 'client', clientSecret: 's' });
    expect(readTokenRequest({ grant_type: 'refresh_token' }, basic('client', 'p%3As+1')).client).toEqual({ method: 'basic', clientId: 'client', clientSecret: 'p:s 1' });
    expect(readTokenRequest(params, basic('client', 's')).client).toEqual({ method: 'basic', clientId: 'client', clientSecret: 's' });
    expect(refusal(() => readTokenRequest({ ...params, client_secret: 's' }, basic('client', 's'))).oauthCode).toBe('invalid_request');
    expect(refusal(() => readTokenRequest(params, basic('other', 's'))).oauthCode).toBe('invalid_request');
    const malformed = refusal(() => readTokenRequest(params, `Basic ${Buffer.from('no-colon').toString('base64')}`));
    expect([malformed.oauthCode, malformed.status, malformed.headers['www-authenticate']]).toEqual(['invalid_client', 401, expect.stringMatching(/^Basic /)]);
    // A Bearer header is no client authentication.
    expect(readTokenRequest(params, 'Bearer dal:x').client.method).toBe('none');
  });
});

describe('the access token of revoke and info', () => {
  it('is the Bearer token, else ?code=', () => {
    expect(presentedAccessToken('Bearer dal:a', 'dal:b')).toBe('dal:a');
    expect(presentedAccessToken(undefined, 'dal:b')).toBe('dal:b');
    expect(presentedAccessToken(basic('a', 'b'), 'dal:b')).toBe('dal:b');
    expect(() => presentedAccessToken(undefined, undefined)).toThrow(UnauthorizedError);
    expect(() => presentedAccessToken(undefined, ['dal:a', 'dal:b'])).toThrow(UnauthorizedError);
  });
});
