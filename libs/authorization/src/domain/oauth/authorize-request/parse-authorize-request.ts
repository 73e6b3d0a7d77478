import { parseScopeList } from '../../scopes/scope-list';
import { parsePkceMethod, type PkceMethod } from '../pkce/pkce-method';
import { validateChallenge } from '../pkce/pkce-text';
import { authorizeRefusal, type AuthorizeRefusal } from './authorize-refusal';

export type AuthorizeResponseType = 'token' | 'code';

/** An authorize request's parameters, read. Absent optional parameters are absent keys. */
export interface AuthorizeRequest {
  readonly responseType: AuthorizeResponseType;
  readonly clientId: string;
  readonly redirectUri: string;
  /** Exactly as sent; absent when not sent or empty, and then never echoed. */
  readonly state?: string;
  /** Absent: the client asks for all of its scopes. */
  readonly scopes?: readonly string[];
  readonly prompt?: 'consent';
  readonly codeChallenge?: string;
  /** Present exactly when codeChallenge is, in its canonical spelling. */
  readonly codeChallengeMethod?: PkceMethod;
  /** The popup and iframe flows: answer with a page that posts a message instead of a redirect. */
  readonly flow?: 'button';
}

export type AuthorizeQuery = Readonly<Record<string, string | readonly string[] | undefined>>;

export type ParsedAuthorizeRequest = { readonly ok: true; readonly request: AuthorizeRequest } | AuthorizeRefusal;

const PARAMETERS = ['response_type', 'client_id', 'redirect_uri', 'state', 'scope', 'prompt', 'code_challenge', 'code_challenge_method', 'flow'] as const;

type Parameter = (typeof PARAMETERS)[number];

/**
 * Reads `GET /` (and `/signin`, `/signup`) as compat.md "Authorize" describes it:
 * - other parameters (`utm_source`, `utm_medium`, `email`, `organization_id`, ...) are ignored,
 *   repeated or not;
 * - one of the parameters above sent twice is `invalid_request` (RFC 6749 section 3.1), even with
 *   the same value twice;
 * - an empty value counts as absent (RFC 6749 section 3.1; the accounts SDK sends `prompt=` and
 *   `flow=` when it has nothing to say);
 * - `scope` is comma- or space-separated;
 * - `prompt` other than `consent` and `flow` other than `button` are ignored;
 * - `code_challenge_method` without `code_challenge` is ignored; with one it defaults to `plain` and
 *   is read case-insensitively.
 * Checked in this order, the first problem answers: a repeated parameter; no `client_id`
 * (`invalid_request`, `client_id_not_found`); no `redirect_uri` (`invalid_request`,
 * `redirect_uri_not_set`); no `response_type` (`invalid_request`) or another one than `token` and
 * `code` (`unsupported_response_type`); a malformed challenge or method (`invalid_request`).
 * Whether the client exists and allows the redirect URI and scopes is authorizeDecision's question.
 */
export function parseAuthorizeRequest(query: AuthorizeQuery): ParsedAuthorizeRequest {
  const values: Partial<Record<Parameter, string>> = {};
  for (const name of PARAMETERS) {
    const raw = query[name];
    if (Array.isArray(raw) && raw.length > 1) return authorizeRefusal('invalid_request');
    const value: string | undefined = Array.isArray(raw) ? raw[0] : (raw as string | undefined);
    if (value) values[name] = value;
  }

  const clientId = values.client_id;
  if (!clientId) return authorizeRefusal('invalid_request', 'client_id_not_found');
  const redirectUri = values.redirect_uri;
  if (!redirectUri) return authorizeRefusal('invalid_request', 'redirect_uri_not_set');
  const responseType = values.response_type;
  if (!responseType) return authorizeRefusal('invalid_request');
  if (responseType !== 'token' && responseType !== 'code') return authorizeRefusal('unsupported_response_type');

  let pkce: Pick<AuthorizeRequest, 'codeChallenge' | 'codeChallengeMethod'> = {};
  if (values.code_challenge) {
    if (validateChallenge(values.code_challenge, values.code_challenge_method)) return authorizeRefusal('invalid_request');
    pkce = { codeChallenge: values.code_challenge, codeChallengeMethod: parsePkceMethod(values.code_challenge_method) };
  }
  const scopes = parseScopeList(values.scope);

  return {
    ok: true,
    request: {
      responseType,
      clientId,
      redirectUri,
      ...(values.state ? { state: values.state } : {}),
      ...(scopes.length ? { scopes } : {}),
      ...(values.prompt === 'consent' ? { prompt: 'consent' as const } : {}),
      ...pkce,
      ...(values.flow === 'button' ? { flow: 'button' as const } : {}),
    },
  };
}
