/**
 * Every operation the service answers, written out for the hostile-input suite: how to call it
 * validly, which path id it takes, and which body fields its validation checks (with their JSON
 * type), so a test can break exactly one thing at a time. `test/reliability/hostile-input` checks
 * this list against the routes the running app registered, so a new route cannot be forgotten.
 */

/** Ids of things that exist in the test's organization. */
export interface Targets {
  memberId: string;
  organizationId: string;
  roleId: string;
  patId: string;
  clientId: string;
  /** A session id: no route needs it to exist for the cases that use it. */
  sessionId: string;
}

/** 'scope list': an array, or the same as one space-separated string (compat.md), so text is not a wrong type there. */
export type FieldType = 'string' | 'array' | 'object' | 'scope list';

export interface Operation {
  /** `METHOD /path` as the app registers it. */
  route: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: (t: Targets) => string;
  /** The path with its id replaced, for operations that take one. */
  withId?: (id: string) => string;
  /** `credential`: needs a Bearer or Basic credential; `public`: JSON, no credential; `page`: the browser side (HTML). */
  access: 'credential' | 'public' | 'page';
  /** A body the operation would accept (JSON, or a form for pages). */
  body?: (t: Targets) => Record<string, unknown> | unknown[];
  /** Fields the operation validates, by dotted path into the body. */
  fields?: Record<string, FieldType>;
  /** Fields where any text is legal input, for the "arbitrary text" property. */
  textFields?: string[];
  /** Query parameters the operation reads, for the "arbitrary text" property. */
  queryParams?: string[];
  /** Whether arbitrary text in a valid request may run (it must not destroy the test's own credential). */
  safeToSucceed?: boolean;
}

const email = () => `hostile-${Math.random().toString(36).slice(2)}@example.com`;

export const OPERATIONS: readonly Operation[] = [
  // Accounts
  { route: 'GET /v2/accounts', method: 'GET', path: () => '/v2/accounts', access: 'credential', safeToSucceed: true },
  {
    route: 'POST /v2/accounts',
    method: 'POST',
    path: () => '/v2/accounts',
    access: 'credential',
    body: () => ({ email: email(), name: 'New', roles: [{ product: 'LiveChat', role: 'normal' }] }),
    fields: { email: 'string', name: 'string', avatar_url: 'string', default_product: 'string', password: 'string', roles: 'array', 'roles.0.product': 'string', 'roles.0.role': 'string' },
    textFields: ['email', 'name', 'avatar_url', 'roles.0.role'],
    safeToSucceed: true,
  },
  { route: 'GET /v2/accounts/:account_id', method: 'GET', path: (t) => `/v2/accounts/${t.memberId}`, withId: (id) => `/v2/accounts/${id}`, access: 'credential', safeToSucceed: true },
  {
    route: 'PATCH /v2/accounts/:account_id',
    method: 'PATCH',
    path: (t) => `/v2/accounts/${t.memberId}`,
    withId: (id) => `/v2/accounts/${id}`,
    access: 'credential',
    body: () => ({ name: 'Renamed', avatar_url: 'https://example.com/a.png', default_product: 'LiveChat' }),
    fields: { name: 'string', avatar_url: 'string', default_product: 'string' },
    textFields: ['name', 'avatar_url'],
    safeToSucceed: true,
  },
  { route: 'DELETE /v2/accounts/:account_id', method: 'DELETE', path: (t) => `/v2/accounts/${t.memberId}`, withId: (id) => `/v2/accounts/${id}`, access: 'credential' },
  {
    route: 'PUT /v2/accounts/:account_id/roles',
    method: 'PUT',
    path: (t) => `/v2/accounts/${t.memberId}/roles`,
    withId: (id) => `/v2/accounts/${id}/roles`,
    access: 'credential',
    body: () => ({ set_roles: [{ product: 'LiveChat', role: 'normal' }], delete_roles: [] }),
    fields: { set_roles: 'array', delete_roles: 'array', 'set_roles.0': 'object', 'set_roles.0.product': 'string', 'set_roles.0.role': 'string' },
    textFields: ['set_roles.0.role', 'set_roles.0.product'],
    safeToSucceed: true,
  },
  {
    route: 'POST /v2/accounts/:account_id/password/reset',
    method: 'POST',
    path: (t) => `/v2/accounts/${t.memberId}/password/reset`,
    withId: (id) => `/v2/accounts/${id}/password/reset`,
    access: 'credential',
    body: () => ({ password: 'a brand new password' }),
    fields: { password: 'string' },
  },
  // Roles
  { route: 'GET /v2/roles', method: 'GET', path: () => '/v2/roles', access: 'credential', safeToSucceed: true },
  { route: 'GET /v2/roles/:role_id', method: 'GET', path: (t) => `/v2/roles/${t.roleId}`, withId: (id) => `/v2/roles/${id}`, access: 'credential', safeToSucceed: true },
  {
    route: 'POST /v2/roles',
    method: 'POST',
    path: () => '/v2/roles',
    access: 'credential',
    body: () => ({ role: `role-${Math.random().toString(36).slice(2)}`, product: 'LiveChat', scope: 'accounts--my:ro' }),
    fields: { role: 'string', product: 'string', scope: 'string' },
    textFields: ['role', 'scope'],
    safeToSucceed: true,
  },
  { route: 'DELETE /v2/roles/:role_id', method: 'DELETE', path: (t) => `/v2/roles/${t.roleId}`, withId: (id) => `/v2/roles/${id}`, access: 'credential' },
  // Organizations
  {
    route: 'POST /v2/organizations',
    method: 'POST',
    path: () => '/v2/organizations',
    access: 'public',
    body: () => ({ email: email(), password: 'correct horse battery', organization: { name: 'Acme', company: { size: '1-10' } } }),
    fields: { email: 'string', password: 'string', organization: 'object', 'organization.name': 'string', 'organization.company': 'object' },
    textFields: ['organization.name'],
    safeToSucceed: true,
  },
  { route: 'GET /v2/organizations', method: 'GET', path: () => '/v2/organizations', access: 'credential', safeToSucceed: true },
  {
    route: 'GET /v2/organizations/:organization_id',
    method: 'GET',
    path: (t) => `/v2/organizations/${t.organizationId}`,
    withId: (id) => `/v2/organizations/${id}`,
    access: 'credential',
    safeToSucceed: true,
  },
  {
    route: 'PATCH /v2/organizations/:organization_id',
    method: 'PATCH',
    path: () => '/v2/organizations/my',
    withId: (id) => `/v2/organizations/${id}`,
    access: 'credential',
    body: () => ({ name: 'Renamed Org' }),
    fields: { name: 'string', company: 'object' },
    textFields: ['name'],
    safeToSucceed: true,
  },
  // Personal access tokens
  {
    route: 'POST /v2/personal_access_tokens',
    method: 'POST',
    path: () => '/v2/personal_access_tokens',
    access: 'credential',
    body: () => ({ name: 'ci', scopes: ['accounts--my:ro'] }),
    fields: { name: 'string', scopes: 'scope list', 'scopes.0': 'string' },
    textFields: ['name', 'scopes.0'],
    safeToSucceed: true,
  },
  { route: 'GET /v2/personal_access_tokens', method: 'GET', path: () => '/v2/personal_access_tokens', access: 'credential', safeToSucceed: true },
  {
    route: 'DELETE /v2/personal_access_tokens/:pat_id',
    method: 'DELETE',
    path: (t) => `/v2/personal_access_tokens/${t.patId}`,
    withId: (id) => `/v2/personal_access_tokens/${id}`,
    access: 'credential',
  },
  // Sessions
  { route: 'GET /v2/sessions', method: 'GET', path: () => '/v2/sessions', access: 'credential', safeToSucceed: true },
  { route: 'DELETE /v2/sessions', method: 'DELETE', path: () => '/v2/sessions', access: 'credential' },
  { route: 'DELETE /v2/sessions/:session_id', method: 'DELETE', path: (t) => `/v2/sessions/${t.sessionId}`, withId: (id) => `/v2/sessions/${id}`, access: 'credential' },
  // OAuth clients and scopes
  {
    route: 'POST /v2/clients',
    method: 'POST',
    path: () => '/v2/clients',
    access: 'credential',
    body: () => ({ name: 'App', type: 'javascript_app', visibility: 'private', redirect_uri: 'https://app.example.com/cb', scopes: ['accounts--my:ro'] }),
    fields: { name: 'string', type: 'string', visibility: 'string', redirect_uri: 'string', scopes: 'scope list', 'scopes.0': 'string' },
    textFields: ['name', 'redirect_uri', 'scopes.0'],
    safeToSucceed: true,
  },
  { route: 'GET /v2/clients', method: 'GET', path: () => '/v2/clients', access: 'credential', safeToSucceed: true },
  { route: 'GET /v2/clients/:client_id', method: 'GET', path: (t) => `/v2/clients/${t.clientId}`, withId: (id) => `/v2/clients/${id}`, access: 'credential', safeToSucceed: true },
  {
    route: 'PATCH /v2/clients/:client_id',
    method: 'PATCH',
    path: (t) => `/v2/clients/${t.clientId}`,
    withId: (id) => `/v2/clients/${id}`,
    access: 'credential',
    body: () => ({ name: 'Renamed App', redirect_uri: 'https://app.example.com/cb', scopes: ['accounts--my:ro'] }),
    fields: { name: 'string', redirect_uri: 'string', scopes: 'scope list', 'scopes.0': 'string' },
    textFields: ['name', 'redirect_uri'],
    safeToSucceed: true,
  },
  {
    route: 'PUT /v2/clients/:client_id/scopes',
    method: 'PUT',
    path: (t) => `/v2/clients/${t.clientId}/scopes`,
    withId: (id) => `/v2/clients/${id}/scopes`,
    access: 'credential',
    body: () => ['accounts--my:ro'],
  },
  { route: 'DELETE /v2/clients/:client_id', method: 'DELETE', path: (t) => `/v2/clients/${t.clientId}`, withId: (id) => `/v2/clients/${id}`, access: 'credential' },
  { route: 'GET /v2/scopes', method: 'GET', path: () => '/v2/scopes', access: 'public', safeToSucceed: true },
  // Token endpoint, revoke, info
  {
    route: 'POST /v2/token',
    method: 'POST',
    path: () => '/v2/token',
    access: 'public',
    body: (t) => ({ grant_type: 'refresh_token', refresh_token: 'not-a-refresh-token', client_id: t.clientId }),
    fields: { grant_type: 'string', refresh_token: 'string', client_id: 'string', code: 'string', redirect_uri: 'string', code_verifier: 'string', client_secret: 'string' },
    textFields: ['grant_type', 'refresh_token', 'client_id', 'code', 'redirect_uri', 'code_verifier', 'client_secret'],
    safeToSucceed: true,
  },
  { route: 'DELETE /v2/token', method: 'DELETE', path: () => '/v2/token', access: 'public', queryParams: ['code'], safeToSucceed: true },
  { route: 'GET /v2/info', method: 'GET', path: () => '/v2/info', access: 'public', queryParams: ['code'], safeToSucceed: true },
  // Audit trail
  { route: 'GET /v2/audit', method: 'GET', path: () => '/v2/audit', access: 'credential', queryParams: ['limit', 'cursor', 'after', 'before', 'type', 'actor_id', 'account_id'], safeToSucceed: true },
  // Operator endpoints and documentation
  { route: 'GET /healthz', method: 'GET', path: () => '/healthz', access: 'public', safeToSucceed: true },
  { route: 'GET /readyz', method: 'GET', path: () => '/readyz', access: 'public', safeToSucceed: true },
  { route: 'GET /metrics', method: 'GET', path: () => '/metrics', access: 'public', safeToSucceed: true },
  { route: 'GET /v2/openapi.json', method: 'GET', path: () => '/v2/openapi.json', access: 'public', safeToSucceed: true },
  { route: 'GET /docs', method: 'GET', path: () => '/docs', access: 'page', safeToSucceed: true },
  { route: 'GET /docs/swagger-ui-init.js', method: 'GET', path: () => '/docs/swagger-ui-init.js', access: 'page', safeToSucceed: true },
  { route: 'GET /docs/:asset', method: 'GET', path: () => '/docs/index.html', withId: (id) => `/docs/${id}`, access: 'page', safeToSucceed: true },
  // The authorization server's pages
  ...['/', '/signin', '/signup'].map(
    (page): Operation => ({
      route: `GET ${page}`,
      method: 'GET',
      path: () => page,
      access: 'page',
      queryParams: ['response_type', 'client_id', 'redirect_uri', 'state', 'scope', 'prompt', 'code_challenge', 'code_challenge_method', 'flow', 'consent'],
      safeToSucceed: true,
    }),
  ),
  {
    route: 'POST /signin',
    method: 'POST',
    path: () => '/signin',
    access: 'page',
    body: () => ({ email: 'nobody@example.com', password: 'not a password', csrf: 'forged', return_to: '/' }),
    textFields: ['email', 'password', 'csrf', 'return_to'],
    safeToSucceed: true,
  },
  {
    route: 'POST /consent',
    method: 'POST',
    path: () => '/consent',
    access: 'page',
    body: () => ({ csrf: 'forged', return_to: '/', decision: 'allow' }),
    textFields: ['csrf', 'return_to', 'decision'],
    safeToSucceed: true,
  },
  { route: 'GET /signout', method: 'GET', path: () => '/signout', access: 'page', safeToSucceed: true },
  { route: 'POST /signout', method: 'POST', path: () => '/signout', access: 'page', body: () => ({ csrf: 'forged' }), textFields: ['csrf'], safeToSucceed: true },
  { route: 'GET /ooops', method: 'GET', path: () => '/ooops', access: 'page', queryParams: ['oauth_exception', 'exception_details'], safeToSucceed: true },
];
