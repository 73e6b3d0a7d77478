import { matchRedirectUri } from './match-redirect-uri';

const CLIENT = ['https://app.example.com/callback', 'http://localhost:3000/', 'https://admin.example.com/oauth/', 'https://root.example.com', 'http://plain.example.com/cb'];

describe('matchRedirectUri', () => {
  it.each<[string, string, 'ok' | 'invalid_redirect_uri']>([
    // Equal and prefix matches
    ['the configured URI itself', 'https://app.example.com/callback', 'ok'],
    ['a deeper path under the configured one', 'https://app.example.com/callback/done', 'ok'],
    ['the configured path with a trailing slash', 'https://app.example.com/callback/', 'ok'],
    ['a path that merely starts with the same letters', 'https://app.example.com/callbackx', 'invalid_redirect_uri'],
    ['a parent of the configured path', 'https://app.example.com/', 'invalid_redirect_uri'],
    ['a sibling path', 'https://app.example.com/other', 'invalid_redirect_uri'],
    ['a path in another case', 'https://app.example.com/Callback', 'invalid_redirect_uri'],
    ['a configured trailing slash, requested without it', 'https://admin.example.com/oauth', 'invalid_redirect_uri'],
    ['a configured trailing slash, deeper path', 'https://admin.example.com/oauth/cb', 'ok'],
    ['a configured origin without path: any path', 'https://root.example.com/any/where', 'ok'],
    ['a configured origin without path: the origin itself', 'https://root.example.com', 'ok'],
    ['localhost with its port', 'http://localhost:3000/auth', 'ok'],
    // Scheme, host and port
    ['http instead of https', 'http://app.example.com/callback', 'invalid_redirect_uri'],
    ['https instead of http', 'https://localhost:3000/', 'invalid_redirect_uri'],
    ['another port', 'http://localhost:3001/', 'invalid_redirect_uri'],
    ['no port where one is configured', 'http://localhost/', 'invalid_redirect_uri'],
    ['the default port written out', 'https://app.example.com:443/callback', 'ok'],
    ['the default http port written out', 'http://plain.example.com:80/cb', 'ok'],
    ['port 80 on https', 'https://plain.example.com:80/cb', 'invalid_redirect_uri'],
    ['a non-default port on an https host configured without one', 'https://app.example.com:8443/callback', 'invalid_redirect_uri'],
    ['an upper-case host', 'https://APP.Example.COM/callback', 'ok'],
    ['an upper-case scheme', 'HTTPS://app.example.com/callback', 'ok'],
    ['a look-alike host with the real one as a prefix', 'https://app.example.com.evil.com/callback', 'invalid_redirect_uri'],
    ['a subdomain of the configured host', 'https://x.app.example.com/callback', 'invalid_redirect_uri'],
    ['a parent domain of the configured host', 'https://example.com/callback', 'invalid_redirect_uri'],
    ['a host with a trailing dot', 'https://app.example.com./callback', 'invalid_redirect_uri'],
    ['user info that makes the real host evil.com', 'https://app.example.com@evil.com/callback', 'invalid_redirect_uri'],
    ['user info in front of the right host', 'https://user@app.example.com/callback', 'invalid_redirect_uri'],
    ['user and password in front of the right host', 'https://user:pw@app.example.com/callback', 'invalid_redirect_uri'],
    ['empty user info', 'https://@app.example.com/callback', 'invalid_redirect_uri'],
    ['an at sign inside the path', 'https://app.example.com/callback/@me', 'ok'],
    // Query and fragment
    ['a query', 'https://app.example.com/callback?next=/', 'invalid_redirect_uri'],
    ['an empty query', 'https://app.example.com/callback?', 'invalid_redirect_uri'],
    ['a fragment', 'https://app.example.com/callback#x', 'invalid_redirect_uri'],
    ['an empty fragment', 'https://app.example.com/callback#', 'invalid_redirect_uri'],
    ['an encoded question mark inside a segment', 'https://app.example.com/callback/a%3Fb', 'ok'],
    // Path traversal
    ['a .. segment back out of the configured path', 'https://app.example.com/callback/../admin', 'invalid_redirect_uri'],
    ['a .. segment that stays under the configured path', 'https://app.example.com/callback/x/../y', 'invalid_redirect_uri'],
    ['a . segment', 'https://app.example.com/callback/./x', 'invalid_redirect_uri'],
    ['a trailing .. segment', 'https://app.example.com/callback/..', 'invalid_redirect_uri'],
    ['percent-encoded dots', 'https://app.example.com/callback/%2e%2e/admin', 'invalid_redirect_uri'],
    ['upper-case percent-encoded dots', 'https://app.example.com/callback/%2E%2E/admin', 'invalid_redirect_uri'],
    ['one dot encoded', 'https://app.example.com/callback/.%2e/admin', 'invalid_redirect_uri'],
    ['double-encoded dots', 'https://app.example.com/callback/%252e%252e/admin', 'invalid_redirect_uri'],
    ['dots before an encoded slash', 'https://app.example.com/callback/..%2fadmin', 'invalid_redirect_uri'],
    ['dots before an encoded backslash', 'https://app.example.com/callback/..%5cadmin', 'invalid_redirect_uri'],
    ['a backslash', 'https://app.example.com/callback\\..\\admin', 'invalid_redirect_uri'],
    ['three dots, a plain name', 'https://app.example.com/callback/...', 'ok'],
    ['dots inside a name', 'https://app.example.com/callback/v1..2', 'ok'],
    ['an encoded slash without dots', 'https://app.example.com/callback/a%2Fb', 'ok'],
    // Not a URI the browser would follow as written
    ['a relative path', '/callback', 'invalid_redirect_uri'],
    ['an empty string', '', 'invalid_redirect_uri'],
    ['javascript:', 'javascript:alert(1)//https://app.example.com/callback', 'invalid_redirect_uri'],
    ['a custom scheme', 'myapp://app.example.com/callback', 'invalid_redirect_uri'],
    ['a tab inside the host', 'https://app.exa\tmple.com/callback', 'invalid_redirect_uri'],
    ['a newline in the path', 'https://app.example.com/callback/\nx', 'invalid_redirect_uri'],
    ['a leading space', ' https://app.example.com/callback', 'invalid_redirect_uri'],
  ])('%s: %j -> %s', (_case, requested, expected) => {
    expect(matchRedirectUri(requested, CLIENT)).toBe(expected);
  });

  it('matches when any one of several configured URIs allows it', () => {
    expect(matchRedirectUri('https://b.example.com/cb/x', ['https://a.example.com/cb', 'https://b.example.com/cb'])).toBe('ok');
    expect(matchRedirectUri('https://c.example.com/cb/x', ['https://a.example.com/cb', 'https://b.example.com/cb'])).toBe('invalid_redirect_uri');
  });

  it('allows nothing to a client without redirect URIs', () => {
    expect(matchRedirectUri('https://app.example.com/callback', [])).toBe('invalid_redirect_uri');
  });

  it('compares configured URIs the same way: case-insensitive host, default port, query ignored', () => {
    expect(matchRedirectUri('https://app.example.com/cb', ['https://APP.example.com:443/cb'])).toBe('ok');
    expect(matchRedirectUri('https://app.example.com/cb', ['https://app.example.com/cb?from=config'])).toBe('ok');
  });

  it('skips configured URIs that do not parse or are not http(s)', () => {
    expect(matchRedirectUri('https://app.example.com/cb', ['not a uri', 'ftp://app.example.com/cb'])).toBe('invalid_redirect_uri');
    expect(matchRedirectUri('https://app.example.com/cb', ['not a uri', 'https://app.example.com/cb'])).toBe('ok');
  });

  it('compares IPv6 hosts and internationalized hosts in their canonical form', () => {
    expect(matchRedirectUri('http://[::1]:8080/cb', ['http://[0:0:0:0:0:0:0:1]:8080/'])).toBe('ok');
    expect(matchRedirectUri('https://bücher.example/cb', ['https://xn--bcher-kva.example/'])).toBe('ok');
  });
});
