import { Inject } from '@nestjs/common';
import { CommandHandler, Query, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, EventSourcedCommands, RequestCommand } from '@app/platform';
import { oauthConsentDecider, oauthConsentStreamId } from '../../domain';

/** The account allowed the client these scopes on the consent page. */
export class GrantOAuthConsentCommand extends RequestCommand<void> {
  constructor(
    readonly accountId: string,
    readonly clientId: string,
    readonly scopes: readonly string[],
  ) {
    super();
  }
}

/** The scopes the account allowed the client so far (none when never asked). */
export class ConsentedScopesQuery extends Query<string[]> {
  constructor(
    readonly accountId: string,
    readonly clientId: string,
  ) {
    super();
  }
}

@CommandHandler(GrantOAuthConsentCommand)
export class GrantOAuthConsentHandler implements ICommandHandler<GrantOAuthConsentCommand> {
  constructor(private readonly commands: EventSourcedCommands) {}

  async execute({ accountId, clientId, scopes, context }: GrantOAuthConsentCommand): Promise<void> {
    await this.commands.execute(oauthConsentStreamId(accountId, clientId), oauthConsentDecider, {
      kind: 'GrantOAuthConsent',
      accountId,
      clientId,
      scopes,
      at: new Date().toISOString(),
    }, { context });
  }
}

@QueryHandler(ConsentedScopesQuery)
export class ConsentedScopesHandler implements IQueryHandler<ConsentedScopesQuery> {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async execute({ accountId, clientId }: ConsentedScopesQuery): Promise<string[]> {
    const rows: { scopes: string[] }[] = await this.dataSource.query('SELECT scopes FROM oauth_consents WHERE account_id = $1 AND client_id = $2', [accountId, clientId]);
    return rows[0]?.scopes ?? [];
  }
}
