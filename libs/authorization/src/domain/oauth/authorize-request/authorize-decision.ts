import type { ClientKind } from '../../oauth-client/client-type';
import { narrowScopes, scopesNotGranted } from '../../scopes/scope-grants';
import { sortScopes } from '../../scopes/scope-list';
import { matchRedirectUri } from '../redirect-uri/match-redirect-uri';
import { authorizeRefusal, type AuthorizeRefusal } from './authorize-refusal';
import type { AuthorizeRequest } from './parse-authorize-request';

/** What the authorize decision needs to know of a client: its current, undeleted registration. */
export interface AuthorizeClient {
  readonly clientId: string;
  readonly kind: ClientKind;
  readonly redirectUris: readonly string[];
  readonly scopes: readonly string[];
}

export interface AuthorizeDecisionInput {
  readonly request: AuthorizeRequest;
  /** Undefined when no such client exists (or it was deleted). */
  readonly client: AuthorizeClient | undefined;
  /** The scopes the signed-in account's roles grant in its organization. */
  readonly accountScopes: readonly string[];
}

export interface AuthorizeGrant {
  readonly ok: true;
  /**
   * What the token or code carries: the requested scopes (or, when none were requested, all of the
   * client's) that the account's roles grant, deduplicated and sorted. May be empty.
   */
  readonly grantedScopes: string[];
  /** Asked for, allowed to the client, but not granted by the account's roles: for the consent page. */
  readonly withheldScopes: string[];
}

export type AuthorizeDecision = AuthorizeGrant | AuthorizeRefusal;

/**
 * Whether the signed-in account may authorize this request, checked in order:
 * 1. the client exists -> else `unauthorized_client`, `client_id_not_found`;
 * 2. the redirect URI is one it allows -> else `invalid_request`, `invalid_redirect_uri`;
 * 3. every requested scope is granted by the client's scopes (scope algebra: `accounts--all:rw`
 *    covers `accounts--my:ro`) -> else `invalid_scope`;
 * 4. the grant is narrowed to the account's role scopes. An account lacking some scopes is no error:
 *    its token carries less, and `withheldScopes` says what.
 * Both response types are allowed to both kinds of client: compat.md names no restriction (a
 * confidential client asking for `token` only gives up the protection of its secret). Public
 * clients may use `code` without PKCE for the same reason; requiring it would be a policy change.
 * Consent, the redirect rate limit and PKCE enforcement for public clients are not decided here.
 */
export function authorizeDecision({ request, client, accountScopes }: AuthorizeDecisionInput): AuthorizeDecision {
  if (!client || client.clientId !== request.clientId) return authorizeRefusal('unauthorized_client', 'client_id_not_found');
  if (matchRedirectUri(request.redirectUri, client.redirectUris) !== 'ok') return authorizeRefusal('invalid_request', 'invalid_redirect_uri');
  if (request.scopes && scopesNotGranted(request.scopes, client.scopes).length > 0) return authorizeRefusal('invalid_scope');
  const wanted = narrowScopes(request.scopes ?? client.scopes, client.scopes);
  return { ok: true, grantedScopes: sortScopes(narrowScopes(wanted, accountScopes)), withheldScopes: sortScopes(scopesNotGranted(wanted, accountScopes)) };
}
