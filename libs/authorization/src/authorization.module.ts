import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import type { ReadModelContribution } from '@app/platform';
import { IssueAccessTokenHandler, RevokeAccountCredentialsHandler } from './application/access-token.handlers';
import { CredentialVerifier } from './application/credential-verifier';
import { GetOAuthClientHandler } from './application/get-oauth-client.handler';
import { ClientAuthentication } from './application/oauth/client-authentication';
import { ExchangeTokenHandler } from './application/oauth/exchange-token.handler';
import { IssueAuthorizationCodeHandler } from './application/oauth/issue-authorization-code.handler';
import { OAuthCredentials } from './application/oauth/oauth-credentials';
import { OAuthGrantsReadModel } from './application/oauth/oauth-grants.read-model';
import { GetTokenInfoHandler } from './application/oauth/token-info.handler';
import { RevokeSessionCredentialsHandler, RevokeTokenHandler } from './application/oauth/token-revocation.handlers';
import { DeleteOAuthClientHandler, ListOAuthClientsHandler, RegisterOAuthClientHandler, UpdateOAuthClientHandler } from './application/oauth-client.handlers';
import { CreateCustomRoleHandler, DeleteCustomRoleHandler } from './application/custom-role.handlers';
import {
  CreatePersonalAccessTokenForAccountHandler,
  CreatePersonalAccessTokenHandler,
  ListPersonalAccessTokensHandler,
  RevokePersonalAccessTokenHandler,
} from './application/personal-access-token.handlers';
import { ListRolesHandler, ResolveRolesHandler, ScopesOfRolesHandler } from './application/role-queries.handlers';
import { AuthorizeController } from './http/authorize/authorize.controller';
import { SignInThrottle } from './http/authorize/sign-in-throttle';
import { BasicStrategy } from './http/basic.strategy';
import { BearerStrategy } from './http/bearer.strategy';
import { CredentialGuard } from './http/credential.guard';
import { OAuthClientsController } from './http/oauth-clients.controller';
import { TokenController } from './http/oauth/token.controller';
import { PersonalAccessTokensController } from './http/personal-access-tokens.controller';
import { RolesController } from './http/roles.controller';
import { ScopesController } from './http/scopes.controller';
import { CreateAuthorizationReadModels1764400000000 } from './migrations/1764400000000-create-authorization-read-models';
import { CreateOAuthClients1764400000300 } from './migrations/1764400000300-create-oauth-clients';
import { CreateOAuthGrants1764400000410 } from './migrations/1764400000410-create-oauth-grants';
import { SignalCredentialChanges1764500000000 } from './migrations/1764500000000-signal-credential-changes';
import { SignalTokenChangesByKey1764700000100 } from './migrations/1764700000100-signal-token-changes-by-key';
import { PlanRefreshFamilyLookupOnce1764900000100 } from './migrations/1764900000100-plan-refresh-family-lookup-once';
import { IndexAuthorizeGrantHistory1764500000200 } from './migrations/1764500000200-index-authorize-grant-history';
import { TokenEndpointThrottle } from './http/oauth/token-endpoint-throttle';
import { RedirectAllowedHandler } from './application/oauth/redirect-allowance.handler';
import { ApplicationsOfSessionsHandler } from './application/oauth/applications-of-sessions.handler';
import { ConsentedScopesHandler, GrantOAuthConsentHandler } from './application/oauth/consent.handlers';
import { CreateOAuthConsents1764500000300 } from './migrations/1764500000300-create-oauth-consents';
import { SignalOAuthClientChanges1764600000000 } from './migrations/1764600000000-signal-oauth-client-changes';
import { IndexLiveTokensPerClient1764600000700 } from './migrations/1764600000700-index-live-tokens-per-client';
import { OAuthConsentsProjection } from './projections/oauth-consents.projection';
import { AuthorizationProjection } from './projections/authorization.projection';
import { OAuthClientsProjection } from './projections/oauth-clients.projection';
import { OAuthGrantsProjection } from './projections/oauth-grants.projection';

export const AUTHORIZATION_READ_MODEL: ReadModelContribution = {
  entities: [],
  migrations: [CreateAuthorizationReadModels1764400000000, CreateOAuthClients1764400000300, CreateOAuthGrants1764400000410, SignalCredentialChanges1764500000000, IndexAuthorizeGrantHistory1764500000200, CreateOAuthConsents1764500000300, SignalOAuthClientChanges1764600000000, IndexLiveTokensPerClient1764600000700, SignalTokenChangesByKey1764700000100, PlanRefreshFamilyLookupOnce1764900000100],
  projections: [new AuthorizationProjection(), new OAuthClientsProjection(), new OAuthGrantsProjection(), new OAuthConsentsProjection()],
};

@Module({
  imports: [PassportModule],
  controllers: [RolesController, PersonalAccessTokensController, OAuthClientsController, ScopesController, AuthorizeController, TokenController],
  providers: [
    CredentialVerifier,
    SignInThrottle,
    TokenEndpointThrottle,
    BearerStrategy,
    BasicStrategy,
    { provide: APP_GUARD, useClass: CredentialGuard },
    IssueAccessTokenHandler,
    RevokeAccountCredentialsHandler,
    CreateCustomRoleHandler,
    DeleteCustomRoleHandler,
    CreatePersonalAccessTokenHandler,
    CreatePersonalAccessTokenForAccountHandler,
    RevokePersonalAccessTokenHandler,
    ListPersonalAccessTokensHandler,
    ListRolesHandler,
    ResolveRolesHandler,
    ScopesOfRolesHandler,
    RegisterOAuthClientHandler,
    UpdateOAuthClientHandler,
    DeleteOAuthClientHandler,
    ListOAuthClientsHandler,
    GetOAuthClientHandler,
    OAuthGrantsReadModel,
    OAuthCredentials,
    ClientAuthentication,
    IssueAuthorizationCodeHandler,
    ExchangeTokenHandler,
    RevokeTokenHandler,
    GetTokenInfoHandler,
    RedirectAllowedHandler,
    ApplicationsOfSessionsHandler,
    GrantOAuthConsentHandler,
    ConsentedScopesHandler,
    RevokeSessionCredentialsHandler,
  ],
})
export class AuthorizationModule {}
