export * from './contracts';
export { AuthorizationModule, AUTHORIZATION_READ_MODEL } from './authorization.module';
export { RequireScopes, OptionalCredential, REQUIRED_SCOPES, OPTIONAL_CREDENTIAL } from './http/require-scopes.decorator';
export { CurrentCredential } from './http/current-credential.decorator';
export { grants, grantsAny, formatScopeList, parseScopeList } from './domain';
export { CreatePersonalAccessTokenForAccountCommand } from './application/personal-access-token.commands';
export { RegisterOAuthClientCommand } from './application/oauth-client.commands';
