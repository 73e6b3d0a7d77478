import { REDACTED, isSecretKey, redactSecrets, redactSecretsInText, redactUrl } from './secret-redaction';

describe('secret redaction', () => {
  it.each(['authorization', 'Cookie', 'set-cookie', 'password', 'token', 'access_token', 'refreshToken', 'code', 'code_verifier', 'client_secret', 'webhookSecret', 'newPassword'])(
    'given the key %s, when checked, then it is secret',
    (key) => {
      expect(isSecretKey(key)).toBe(true);
    },
  );

  it.each(['email', 'name', 'content-type', 'account_id', 'tokens_count_hint'])('given the key %s, when checked, then it is not secret', (key) => {
    expect(isSecretKey(key)).toBe(false);
  });

  it('given a serialized error, when code is checked, then it is not secret', () => {
    expect(isSecretKey('code', { serializedError: true })).toBe(false);
  });

  it.each(['parameters', 'detail'])('given the key %s, when checked on a serialized error and elsewhere, then only the error hides it', (key) => {
    expect(isSecretKey(key, { serializedError: true })).toBe(true);
    expect(isSecretKey(key)).toBe(false);
  });

  it('given a circular object, when redacted, then it terminates and redacts', () => {
    const value: Record<string, unknown> = { password: 'x' };
    value.self = value;

    expect(redactSecrets(value)).toEqual({ password: REDACTED, self: '[Circular]' });
  });

  it('given an object, when redacted, then the original is left untouched', () => {
    const original = { token: 'abc' };

    redactSecrets(original);

    expect(original.token).toBe('abc');
  });

  it('given a URL with secret query values, when redacted, then only those values are replaced', () => {
    expect(redactUrl('/cb?code=abc&state=s1&access_token=t')).toBe(`/cb?code=${REDACTED}&state=s1&access_token=${REDACTED}`);
    expect(redactUrl('/v2/accounts')).toBe('/v2/accounts');
  });

  it('given text with credentials, when redacted, then the credentials are gone', () => {
    const text = redactSecretsInText('postgres://app:pw1@db/x; Authorization: Basic dXNlcjpwYXNz; password=pw2 token="t 3"');

    expect(text).not.toMatch(/pw1|dXNlcjpwYXNz|pw2|t 3/);
    expect(text).toContain('db/x');
  });
});
