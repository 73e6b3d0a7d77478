import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UnauthorizedError } from '@app/platform';
import { formatScopeList, secondsUntilExpiry } from '../../domain';
import { CredentialVerifier } from '../credential-verifier';
import { GetTokenInfoQuery, type TokenInfo } from './oauth-token.commands';

/**
 * `GET /v2/info`: the token checked exactly as a Bearer credential is (so its scopes are what it
 * may do now), with the seconds it has left. The refresh token is never shown: only its hash is kept.
 */
@QueryHandler(GetTokenInfoQuery)
export class GetTokenInfoHandler implements IQueryHandler<GetTokenInfoQuery> {
  constructor(private readonly verifier: CredentialVerifier) {}

  async execute({ accessToken }: GetTokenInfoQuery): Promise<TokenInfo> {
    const credential = await this.verifier.accessToken(accessToken);
    const expiresAt = credential?.expiresAt;
    if (!credential || !expiresAt) throw new UnauthorizedError('The access token is invalid.');
    return {
      access_token: accessToken,
      account_id: credential.accountId,
      ...(credential.clientId ? { client_id: credential.clientId } : {}),
      expires_in: secondsUntilExpiry(expiresAt, new Date().toISOString()),
      organization_id: credential.organizationId,
      scope: formatScopeList(credential.scopes),
      token_type: 'Bearer',
    };
  }
}
