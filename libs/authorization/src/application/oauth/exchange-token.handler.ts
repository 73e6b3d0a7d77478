import { createHash, randomUUID } from 'node:crypto';
import { CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { GetSessionQuery } from '@app/sessions/contracts';
import { EventSourcedCommands, OwnWrites, SYSTEM_ACTOR, type RequestContext } from '@app/platform';
import type { OAuthClientRecord } from '../../contracts/oauth.commands';
import {
  ACCESS_TOKEN_LIFETIME_SECONDS,
  OAuthError,
  authorizationCodeDecider,
  authorizationCodeRefusal,
  authorizationCodeStreamId,
  formatScopeList,
  refreshTokenDecider,
  refreshTokenRefusal,
  refreshTokenStreamId,
  refreshTokensRotate,
  verifyPkce,
  type AuthorizationCodeEvent,
  type RefreshTokenEvent,
} from '../../domain';
import { hashSecret, newSecret } from '../secret-tokens';
import { ClientAuthentication } from './client-authentication';
import { OAuthCredentials, type GrantOwner } from './oauth-credentials';
import { OAuthGrantsReadModel, type RefreshFamilyRow } from './oauth-grants.read-model';
import { ExchangeTokenCommand, type TokenRequest, type TokenResponse } from './oauth-token.commands';

const sha256 = (text: string): Uint8Array => createHash('sha256').update(text, 'utf8').digest();

/** compat.md "Token endpoint": `code` is tolerated for `authorization_code`. */
const GRANTS: Readonly<Record<string, 'authorization_code' | 'refresh_token'>> = {
  authorization_code: 'authorization_code',
  code: 'authorization_code',
  refresh_token: 'refresh_token',
};

/**
 * The token endpoint (RFC 6749 sections 4.1.3 and 6). The client is authenticated first; then the
 * code or refresh token is judged by its stream's decider, which makes it single-use even under
 * concurrent requests. A reuse is recorded and its tokens revoked before the refusal is answered,
 * and the refusal waits for the read models, so the revoked tokens fail on the very next request.
 */
@CommandHandler(ExchangeTokenCommand)
export class ExchangeTokenHandler implements ICommandHandler<ExchangeTokenCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly clients: ClientAuthentication,
    private readonly credentials: OAuthCredentials,
    private readonly readModel: OAuthGrantsReadModel,
    private readonly ownWrites: OwnWrites,
    private readonly queries: QueryBus,
  ) {}

  async execute({ request, context }: ExchangeTokenCommand): Promise<TokenResponse> {
    if (!request.grantType) throw new OAuthError('invalid_request', 'The grant_type is missing.', { reason: 'grant_type_missing' });
    const grant = Object.hasOwn(GRANTS, request.grantType) ? GRANTS[request.grantType] : undefined;
    if (!grant) throw new OAuthError('unsupported_grant_type', 'The grant_type is not supported.');
    const client = await this.clients.authenticate(request.client);
    if (context) context.clientId = client.clientId;
    return grant === 'authorization_code' ? this.redeemCode(context, client, request) : this.refresh(context, client, request);
  }

  private async redeemCode(context: RequestContext | undefined, client: OAuthClientRecord, request: TokenRequest): Promise<TokenResponse> {
    if (!request.code) throw new OAuthError('invalid_request', 'The code is missing.', { reason: 'code_missing' });
    if (!request.redirectUri) throw new OAuthError('invalid_request', 'The redirect_uri is missing.', { reason: 'redirect_uri_missing' });
    const codeHash = hashSecret(request.code);
    const found = await this.readModel.codeByHash(codeHash);
    if (!found) throw authorizationCodeRefusal('unknown_code');
    const verifier = request.codeVerifier || null;
    const pkceOk =
      found.code_challenge !== null && verifier !== null && verifyPkce({ method: found.code_challenge_method, challenge: found.code_challenge, verifier, sha256 });
    const accessTokenId = randomUUID();
    const familyId = randomUUID();
    const at = new Date().toISOString();
    const outcome = await this.commands.execute(authorizationCodeStreamId(found.grant_id), authorizationCodeDecider, {
      kind: 'RedeemAuthorizationCode',
      grantId: found.grant_id,
      codeHash,
      clientId: client.clientId,
      redirectUri: request.redirectUri,
      codeVerifier: verifier,
      pkceOk,
      accessTokenId,
      refreshFamilyId: familyId,
      at,
    }, { context });
    const state = outcome.state;
    if (!outcome.events.some((event) => event.type === 'AuthorizationCodeRedeemed') || state.status !== 'redeemed') {
      await this.revokeAfterCodeReuse(context, outcome.events, at);
      throw authorizationCodeRefusal('code_reused');
    }
    const owner: GrantOwner = { clientId: client.clientId, accountId: state.accountId, organizationId: state.organizationId, sessionId: state.sessionId, scopes: state.scopes };
    actAs(context, owner.accountId);
    // Tokens live only as long as their session: a code from a session since removed is spent for nothing.
    if (!(await this.sessionIsLive(state.sessionId))) throw authorizationCodeRefusal('session_ended');
    const accessToken = await this.credentials.issueAccessToken(context, accessTokenId, owner, at);
    const refreshToken = await this.credentials.startRefreshFamily(context, familyId, owner, refreshTokensRotate(client.kind), accessTokenId, at);
    // The session may have gone while they were issued, after its removal revoked what it had.
    if (!(await this.sessionIsLive(state.sessionId))) {
      await this.credentials.revokeAccessToken(context, accessTokenId, 'revoked', SYSTEM_ACTOR, at);
      await this.credentials.revokeFamily(context, familyId, 'revoked', SYSTEM_ACTOR, at);
      await this.ownWrites.visible(context);
      throw authorizationCodeRefusal('session_ended');
    }
    return answer(accessToken, refreshToken, owner);
  }

  private async sessionIsLive(sessionId: string): Promise<boolean> {
    return (await this.queries.execute(new GetSessionQuery(sessionId))) !== null;
  }

  /** RFC 6749 section 10.5: the tokens issued from a code presented twice are revoked (on the first reuse). */
  private async revokeAfterCodeReuse(context: RequestContext | undefined, events: readonly AuthorizationCodeEvent[], at: string): Promise<void> {
    for (const event of events) {
      if (event.type !== 'AuthorizationCodeReused') continue;
      await this.credentials.revokeAccessToken(context, event.data.access_token_id, 'revoked', SYSTEM_ACTOR, at);
      if (event.data.refresh_family_id) await this.credentials.revokeFamily(context, event.data.refresh_family_id, 'code_reused', SYSTEM_ACTOR, at);
    }
    await this.ownWrites.visible(context);
  }

  private async refresh(context: RequestContext | undefined, client: OAuthClientRecord, request: TokenRequest): Promise<TokenResponse> {
    const presented = request.refreshToken;
    if (!presented) throw new OAuthError('invalid_request', 'The refresh_token is missing.', { reason: 'refresh_token_missing' });
    const tokenHash = hashSecret(presented);
    const family = await this.readModel.familyByTokenHash(tokenHash);
    if (!family) throw refreshTokenRefusal('unknown');
    const newRefreshToken = family.rotates ? newSecret() : null;
    const accessTokenId = randomUUID();
    const at = new Date().toISOString();
    // The family's use, the new access token and any token it pushes over the limit: one append.
    return this.commands.together(context, () => this.useRefreshToken(context, client, presented, family, tokenHash, newRefreshToken, accessTokenId, at));
  }

  private async useRefreshToken(
    context: RequestContext | undefined,
    client: OAuthClientRecord,
    presented: string,
    family: RefreshFamilyRow,
    tokenHash: string,
    newRefreshToken: string | null,
    accessTokenId: string,
    at: string,
  ): Promise<TokenResponse> {
    const outcome = await this.commands.execute(refreshTokenStreamId(family.family_id), refreshTokenDecider, {
      kind: 'UseRefreshToken',
      familyId: family.family_id,
      tokenHash,
      clientId: client.clientId,
      newTokenHash: newRefreshToken === null ? null : hashSecret(newRefreshToken),
      accessTokenId,
      at,
    }, { context });
    const state = outcome.state;
    if (!outcome.events.some((event) => event.type === 'RefreshTokenUsed') || state.status !== 'active') {
      await this.revokeAfterRefreshReuse(context, outcome.events, at);
      throw refreshTokenRefusal('reuse');
    }
    const owner: GrantOwner = { clientId: client.clientId, accountId: state.accountId, organizationId: state.organizationId, sessionId: state.sessionId, scopes: state.scopes };
    actAs(context, owner.accountId);
    const accessToken = await this.credentials.issueAccessToken(context, accessTokenId, owner, at, family.live_access_tokens);
    return answer(accessToken, newRefreshToken ?? presented, owner);
  }

  /** A rotated-away refresh token came back: the family is revoked (by the decider), and so are its access tokens. */
  private async revokeAfterRefreshReuse(context: RequestContext | undefined, events: readonly RefreshTokenEvent[], at: string): Promise<void> {
    for (const event of events) {
      if (event.type === 'RefreshTokenFamilyRevoked') await this.credentials.revokeAccessTokens(context, event.data.access_token_ids, 'revoked', SYSTEM_ACTOR, at);
    }
    await this.ownWrites.visible(context);
  }
}

/** The rest of the request's events are recorded as the account's doing. */
function actAs(context: RequestContext | undefined, accountId: string): void {
  if (context) context.actorId = accountId;
}

function answer(accessToken: string, refreshToken: string, owner: GrantOwner): TokenResponse {
  return {
    access_token: accessToken,
    account_id: owner.accountId,
    expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
    organization_id: owner.organizationId,
    refresh_token: refreshToken,
    scope: formatScopeList(owner.scopes),
    token_type: 'Bearer',
  };
}
