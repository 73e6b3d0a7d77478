import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, DATA_SOURCE, EventSourcedCommands, actorOf, type AppConfig } from '@app/platform';
import { IssueAccessTokenCommand, RevokeAccountCredentialsCommand, type IssuedAccessToken } from '../contracts/authorization.commands';
import {
  ACCESS_TOKEN_LIFETIME_SECONDS,
  accessTokenDecider,
  accessTokenExpiry,
  accessTokenStreamId,
  personalAccessTokenDecider,
  personalAccessTokenStreamId,
  sortScopes,
} from '../domain';
import { hashSecret, newAccessToken } from './secret-tokens';

@CommandHandler(IssueAccessTokenCommand)
export class IssueAccessTokenHandler implements ICommandHandler<IssueAccessTokenCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(command: IssueAccessTokenCommand): Promise<IssuedAccessToken> {
    const tokenId = randomUUID();
    const accessToken = newAccessToken(this.config.region);
    const issuedAt = new Date().toISOString();
    const scopes = sortScopes(command.scopes);
    await this.commands.execute(accessTokenStreamId(tokenId), accessTokenDecider, {
      kind: 'IssueAccessToken',
      tokenId,
      tokenHash: hashSecret(accessToken),
      accountId: command.accountId,
      organizationId: command.organizationId,
      scopes,
      clientId: command.clientId,
      sessionId: command.sessionId,
      issuedAt,
      expiresAt: accessTokenExpiry(issuedAt),
    }, { context: command.context });
    return { accessToken, tokenId, expiresIn: ACCESS_TOKEN_LIFETIME_SECONDS, scopes };
  }
}

/** Password changes and deletions take every credential of the account away at once. */
@CommandHandler(RevokeAccountCredentialsCommand)
export class RevokeAccountCredentialsHandler implements ICommandHandler<RevokeAccountCredentialsCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  async execute({ accountId, reason, organizationId, context }: RevokeAccountCredentialsCommand): Promise<{ revoked: number }> {
    const at = new Date().toISOString();
    const revokedBy = actorOf(context);
    const inScope = organizationId ? 'AND organization_id = $2' : '';
    const params = organizationId ? [accountId, organizationId] : [accountId];
    const tokens: { token_id: string }[] = await this.dataSource.query(
      `SELECT token_id FROM access_tokens WHERE account_id = $1 AND revoked_at IS NULL ${inScope}`,
      params,
    );
    for (const { token_id } of tokens) {
      await this.commands.execute(accessTokenStreamId(token_id), accessTokenDecider, { kind: 'RevokeAccessToken', tokenId: token_id, reason, revokedBy, at }, { context });
    }
    const pats: { pat_id: string }[] = await this.dataSource.query(
      `SELECT pat_id FROM personal_access_tokens WHERE account_id = $1 AND revoked_at IS NULL ${inScope}`,
      params,
    );
    for (const { pat_id } of pats) {
      await this.commands.execute(personalAccessTokenStreamId(pat_id), personalAccessTokenDecider, {
        kind: 'RevokePersonalAccessToken',
        patId: pat_id,
        accountId,
        reason,
        at,
      }, { context });
    }
    return { revoked: tokens.length + pats.length };
  }
}
