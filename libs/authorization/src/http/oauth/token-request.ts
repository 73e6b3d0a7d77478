import { UnauthorizedError } from '@app/platform';
import { clientAuthenticationFailed } from '../../application/oauth/client-authentication';
import type { ClientCredentials, TokenRequest } from '../../application/oauth/oauth-token.commands';
import { OAuthError } from '../../domain';

type Params = Readonly<Record<string, unknown>>;

/**
 * The token request's parameters, whatever the body came as (compat.md "Token endpoint"): a JSON
 * object, a parsed form, form text labelled text/plain, or nothing. Unknown parameters are ignored;
 * a repeated or non-text one is refused (RFC 6749 section 3.2).
 */
export function readTokenRequest(body: unknown, authorization: string | undefined): TokenRequest {
  const params = paramsOf(body);
  const text = (name: string) => textParam(params, name);
  return {
    grantType: text('grant_type'),
    code: text('code'),
    redirectUri: text('redirect_uri'),
    codeVerifier: text('code_verifier'),
    refreshToken: text('refresh_token'),
    client: clientCredentials(text('client_id'), text('client_secret'), authorization),
  };
}

function paramsOf(body: unknown): Params {
  if (body === undefined || body === null || body === '') return {};
  if (typeof body === 'string') return Object.fromEntries(new URLSearchParams(body));
  if (typeof body === 'object' && !Array.isArray(body)) return body as Params;
  throw new OAuthError('invalid_request', 'The request body must be an object of parameters.', { reason: 'body_not_object' });
}

function textParam(params: Params, name: string): string | undefined {
  if (!Object.hasOwn(params, name)) return undefined;
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new OAuthError('invalid_request', `The ${name} parameter must be given once, as text.`, { reason: `${name}_not_text` });
  return value;
}

/**
 * RFC 6749 section 2.3.1: HTTP Basic with the form-encoded client id and secret, or both in the
 * body; never both ways at once. A malformed Basic header fails like a wrong secret would.
 */
function clientCredentials(bodyId: string | undefined, bodySecret: string | undefined, authorization: string | undefined): ClientCredentials {
  const basic = basicCredentials(authorization);
  if (!basic) return { method: bodySecret ? 'body' : 'none', clientId: bodyId, clientSecret: bodySecret };
  if (bodySecret !== undefined) throw new OAuthError('invalid_request', 'Use one client authentication method only.', { reason: 'two_client_authentications' });
  if (bodyId !== undefined && bodyId !== basic.clientId) throw new OAuthError('invalid_request', 'The client_id does not match the authenticated client.', { reason: 'client_id_mismatch' });
  return { method: 'basic', ...basic };
}

function basicCredentials(authorization: string | undefined): { clientId?: string; clientSecret?: string } | undefined {
  const match = /^Basic\s+(\S*)\s*$/i.exec(authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw clientAuthenticationFailed('basic', 'basic_malformed');
  const clientId = formDecode(decoded.slice(0, colon));
  const clientSecret = formDecode(decoded.slice(colon + 1));
  return { ...(clientId ? { clientId } : {}), ...(clientSecret ? { clientSecret } : {}) };
}

function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The access token of `DELETE /v2/token` and `GET /v2/info`: `Authorization: Bearer …`, else `?code=`. */
export function presentedAccessToken(authorization: string | undefined, code: unknown): string {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (bearer) return bearer[1];
  if (typeof code === 'string' && code) return code;
  throw new UnauthorizedError('The request lacks a valid access token.');
}
