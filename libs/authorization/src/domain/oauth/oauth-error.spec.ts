import { ApiError, toErrorReply } from '@app/platform';
import { OAUTH_ERROR_CODES, OAuthError } from './oauth-error';

describe('OAuthError', () => {
  it.each(OAUTH_ERROR_CODES.map((code) => [code]))('answers %s as a 400 with the OAuth code as error', (code) => {
    const error = new OAuthError(code, 'Nope.');
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, errorCode: code, oauthCode: code, description: 'Nope.', reason: code, name: 'OAuthError' });
    expect(toErrorReply(error)).toEqual({ status: 400, body: { error: code, error_description: 'Nope.' }, headers: {}, logLevel: 'none' });
  });

  it('keeps a reason for logs that never reaches the reply', () => {
    const error = new OAuthError('invalid_grant', 'The authorization code has expired.', { reason: 'code_expired' });
    expect(error.reason).toBe('code_expired');
    expect(JSON.stringify(toErrorReply(error).body)).not.toContain('code_expired');
  });

  it('answers a failed HTTP Basic client authentication as a 401 with its challenge', () => {
    const error = new OAuthError('invalid_client', 'Client authentication failed.', { status: 401, headers: { 'www-authenticate': 'Basic realm="token"' } });
    expect(toErrorReply(error)).toMatchObject({ status: 401, body: { error: 'invalid_client' }, headers: { 'www-authenticate': 'Basic realm="token"' } });
  });
});
