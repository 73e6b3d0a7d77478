import type { RouteNote } from '@app/platform';

/**
 * The routes the contract does not describe, in words, by `Controller.method`. The OpenAPI
 * completeness test (test/ops/openapi.e2e-spec.ts) fails when a served route has no summary,
 * so a new route gets its line here.
 */
export const ROUTE_NOTES: Readonly<Record<string, RouteNote>> = {
  'HealthController.liveness': { summary: 'Liveness: the process answers', responses: { '200': 'Alive.' } },
  'HealthController.readiness': {
    summary: 'Readiness: database, event store and projection lag',
    responses: { '200': 'Ready to serve.', '503': 'Not ready; each failed check is named.' },
  },
  'MetricsController.metrics': { summary: 'Prometheus metrics of this process', responses: { '200': 'Text exposition format 0.0.4.' } },
  'AuditController.list': { summary: "The organization's audit timeline, newest first, paged by an opaque cursor" },
  'ScopesController.list': { summary: 'The scopes clients may ask for, with a description of each' },
  'RolesController.create': { summary: 'Create a custom role', responses: { '201': 'The new role.', '409': 'A role of that name exists.' } },
  'PersonalAccessTokensController.list': { summary: "List the credential's account's personal access tokens (never the secrets)" },
  'PersonalAccessTokensController.create': {
    summary: 'Create a personal access token',
    description: 'The token is in this reply only. Use it as the password of HTTP Basic, with the account id as user name.',
    responses: { '201': 'The new token, shown once.' },
  },
  'PersonalAccessTokensController.revoke': { summary: 'Revoke a personal access token' },
  'OAuthClientsController.list': { summary: "List the organization's OAuth clients" },
  'OAuthClientsController.register': {
    summary: 'Register an OAuth client',
    responses: { '201': 'The client; a confidential client gets its secret in this reply only.' },
  },
  'OAuthClientsController.get': { summary: 'Get an OAuth client' },
  'OAuthClientsController.update': { summary: "Change an OAuth client's name, type or redirect URIs" },
  'OAuthClientsController.setScopes': { summary: 'Set the scopes an OAuth client may ask for' },
  'OAuthClientsController.delete': { summary: 'Delete an OAuth client; its tokens stop working' },
  'TokenController.token': {
    summary: 'OAuth token endpoint (also at POST /token)',
    description: 'authorization_code (with PKCE) and refresh_token grants; confidential clients authenticate with their secret.',
    responses: { '200': 'Access and refresh token.', '400': 'OAuth error (invalid_grant, invalid_client, ...).', '401': 'Client authentication failed.' },
  },
  'TokenController.revoke': {
    summary: 'Revoke an access token (also at DELETE /token)',
    responses: { '200': 'Revoked (or already unusable).', '401': 'No token given or not valid.' },
  },
  'AuthorizeController.authorize': {
    summary: 'Authorization endpoint and sign-in page (HTML)',
    description: 'response_type=token|code, client_id, redirect_uri, state, scope, prompt=consent, code_challenge[_method], flow=button.',
    responses: { '200': 'The sign-in or consent page.', '302': 'Back to the client with a token or code, or to the error page.' },
  },
  'AuthorizeController.signIn': {
    summary: 'Sign-in form post (HTML)',
    responses: { '303': 'Signed in: on to return_to, with the session cookie.', '400': 'The form expired.', '401': 'Wrong email or password.', '429': 'Too many failed sign-ins (Retry-After).' },
  },
  'AuthorizeController.consent': { summary: 'Consent form post (HTML)', responses: { '302': 'On to the authorization endpoint with the answer.', '400': 'The form expired.' } },
  'AuthorizeController.signOutLink': { summary: 'Sign out, from a link', responses: { '302': 'To the sign-in page, session ended.' } },
  'AuthorizeController.signOut': { summary: 'Sign out, from a form', responses: { '302': 'To the sign-in page, session ended.' } },
  'AuthorizeController.ooops': { summary: 'Authorization error page (HTML)', responses: { '400': 'The page naming the OAuth error.' } },
};
