/**
 * The authorization module's pure domain: scope algebra, the role catalogue, and the custom role,
 * access token and personal access token deciders. No framework, no I/O, no clock, no id source.
 */
export * from './scopes';
export * from './roles';
export * from './secrets';
export * from './shared';
export * from './custom-role';
export * from './access-token';
export * from './personal-access-token';
export * from './oauth-client';
export * from './oauth';
