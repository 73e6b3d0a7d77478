import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actorOf, UnauthorizedError } from '@app/platform';
import { RevokeSessionCredentialsCommand } from '../../contracts/oauth.commands';
import { hashSecret } from '../secret-tokens';
import { OAuthCredentials } from './oauth-credentials';
import { OAuthGrantsReadModel } from './oauth-grants.read-model';
import { RevokeTokenCommand } from './oauth-token.commands';

/**
 * `DELETE /v2/token`: the holder of a live access token revokes it, and with it the refresh token
 * family it came from (and that family's other access tokens: they all stem from one grant).
 */
@CommandHandler(RevokeTokenCommand)
export class RevokeTokenHandler implements ICommandHandler<RevokeTokenCommand> {
  constructor(
    private readonly readModel: OAuthGrantsReadModel,
    private readonly credentials: OAuthCredentials,
  ) {}

  async execute({ accessToken, context }: RevokeTokenCommand): Promise<void> {
    const token = await this.readModel.liveAccessToken(hashSecret(accessToken));
    if (!token) throw new UnauthorizedError('The access token is invalid.');
    if (context) {
      context.actorId = token.account_id;
      if (token.client_id) context.clientId = token.client_id;
    }
    const at = new Date().toISOString();
    await this.credentials.revokeAccessToken(context, token.token_id, 'revoked', token.account_id, at);
    const familyId = await this.readModel.liveFamilyOfAccessToken(token.token_id);
    if (familyId) await this.credentials.revokeFamily(context, familyId, 'revoked', token.account_id, at);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The session was removed: every access token and refresh token family issued in it stops working. */
@CommandHandler(RevokeSessionCredentialsCommand)
export class RevokeSessionCredentialsHandler implements ICommandHandler<RevokeSessionCredentialsCommand> {
  constructor(
    private readonly readModel: OAuthGrantsReadModel,
    private readonly credentials: OAuthCredentials,
  ) {}

  async execute({ sessionId, context }: RevokeSessionCredentialsCommand): Promise<{ revoked: number }> {
    if (!UUID.test(sessionId)) return { revoked: 0 };
    const at = new Date().toISOString();
    const revokedBy = actorOf(context);
    let revoked = 0;
    for (const familyId of await this.readModel.liveFamiliesOfSession(sessionId)) {
      revoked += await this.credentials.revokeFamily(context, familyId, 'session_removed', revokedBy, at);
    }
    // Also the tokens of no family, and any a family no longer lists.
    const tokens = await this.readModel.liveAccessTokensOfSession(sessionId);
    revoked += await this.credentials.revokeAccessTokens(context, tokens, 'session_removed', revokedBy, at);
    return { revoked };
  }
}
