import { randomUUID } from 'node:crypto';
import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG, EventSourcedCommands, PROJECTION_PROGRESS, type AppConfig, type ProjectionProgress } from '@app/platform';
import { IssueAuthorizationCodeCommand } from '../../contracts/oauth.commands';
import { AUTHORIZATION_CODE_LIFETIME_SECONDS, authorizationCodeDecider, authorizationCodeExpiry, authorizationCodeStreamId } from '../../domain';
import { hashSecret, newAccessToken } from '../secret-tokens';

/**
 * A single-use code `<region>:<opaque>` for a fresh grant (stream `accessGrant-<grant id>`); only
 * its hash is recorded. The client redeems it at once, possibly on another process, so the handler
 * returns only when the token endpoint's read model knows the code (bounded wait), whoever calls it.
 */
@CommandHandler(IssueAuthorizationCodeCommand)
export class IssueAuthorizationCodeHandler implements ICommandHandler<IssueAuthorizationCodeCommand> {
  private readonly logger = new Logger('IssueAuthorizationCode');

  constructor(
    private readonly commands: EventSourcedCommands,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PROJECTION_PROGRESS) private readonly progress: ProjectionProgress,
  ) {}

  async execute({ request, context }: IssueAuthorizationCodeCommand): Promise<{ code: string; expiresIn: number }> {
    const grantId = randomUUID();
    const code = newAccessToken(this.config.region);
    const issuedAt = new Date().toISOString();
    const { position } = await this.commands.execute(authorizationCodeStreamId(grantId), authorizationCodeDecider, {
      kind: 'IssueAuthorizationCode',
      grantId,
      codeHash: hashSecret(code),
      clientId: request.clientId,
      accountId: request.accountId,
      organizationId: request.organizationId,
      sessionId: request.sessionId,
      redirectUri: request.redirectUri,
      scopes: request.scopes,
      codeChallenge: request.codeChallenge ?? null,
      codeChallengeMethod: request.codeChallenge ? (request.codeChallengeMethod ?? 'plain') : null,
      issuedAt,
      expiresAt: authorizationCodeExpiry(issuedAt),
    }, { expectNew: true, context });
    if (position && !(await this.progress.waitFor(position, this.config.readYourWritesTimeoutMs))) {
      this.logger.warn('the read models did not include a new authorization code in time');
    }
    return { code, expiresIn: AUTHORIZATION_CODE_LIFETIME_SECONDS };
  }
}
