/**
 * The OAuth 2 authorization server's pure rules: PKCE, redirect URI matching, the authorize request
 * and its decision, the redirect rate limit, and the authorization code and refresh token deciders.
 */
export * from './oauth-error';
export * from './pkce';
export * from './redirect-uri';
export * from './authorize-request';
export * from './redirect-rate-limit';
export * from './consent';
export * from './authorization-code';
export * from './refresh-token';
