import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, QueryBus, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, EventSourcedCommands } from '@app/platform';
import { formatScopeList, personalAccessTokenDecider, personalAccessTokenStreamId, sortScopes } from '../domain';
import { ScopesOfRolesQuery } from '../contracts/authorization.queries';
import type { Credential } from '../contracts/credential';
import {
  CreatePersonalAccessTokenCommand,
  CreatePersonalAccessTokenForAccountCommand,
  ListPersonalAccessTokensQuery,
  RevokePersonalAccessTokenCommand,
  type CreatedPersonalAccessToken,
  type PersonalAccessTokenView,
} from './personal-access-token.commands';
import { hashSecret, newSecret } from './secret-tokens';

@CommandHandler(CreatePersonalAccessTokenCommand)
export class CreatePersonalAccessTokenHandler implements ICommandHandler<CreatePersonalAccessTokenCommand> {
  constructor(private readonly commands: EventSourcedCommands) {}

  async execute({ caller, name, scopes, context }: CreatePersonalAccessTokenCommand): Promise<CreatedPersonalAccessToken> {
    const patId = randomUUID();
    const token = newSecret();
    const createdAt = new Date().toISOString();
    const granted = sortScopes(scopes ?? caller.scopes);
    await this.commands.execute(personalAccessTokenStreamId(patId), personalAccessTokenDecider, {
      kind: 'CreatePersonalAccessToken',
      patId,
      tokenHash: hashSecret(token),
      accountId: caller.accountId,
      organizationId: caller.organizationId,
      name,
      scopes: granted,
      callerScopes: caller.scopes,
      createdAt,
    }, { expectNew: true, context });
    return { pat_id: patId, name, token, scope: formatScopeList(granted), created_at: createdAt };
  }
}

@CommandHandler(RevokePersonalAccessTokenCommand)
export class RevokePersonalAccessTokenHandler implements ICommandHandler<RevokePersonalAccessTokenCommand> {
  constructor(private readonly commands: EventSourcedCommands) {}

  async execute({ accountId, patId, context }: RevokePersonalAccessTokenCommand): Promise<void> {
    await this.commands.execute(personalAccessTokenStreamId(patId), personalAccessTokenDecider, {
      kind: 'RevokePersonalAccessToken',
      patId,
      accountId,
      reason: 'revoked',
      at: new Date().toISOString(),
    }, { context });
  }
}

@QueryHandler(ListPersonalAccessTokensQuery)
export class ListPersonalAccessTokensHandler implements IQueryHandler<ListPersonalAccessTokensQuery> {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async execute({ accountId, organizationId }: ListPersonalAccessTokensQuery): Promise<PersonalAccessTokenView[]> {
    const rows: { pat_id: string; name: string; scopes: string[]; created_at: Date }[] = await this.dataSource.query(
      `SELECT pat_id, name, scopes, created_at FROM personal_access_tokens
       WHERE account_id = $1 AND organization_id = $2 AND revoked_at IS NULL ORDER BY created_at, pat_id`,
      [accountId, organizationId],
    );
    return rows.map((row) => ({ pat_id: row.pat_id, name: row.name, scope: formatScopeList(row.scopes), created_at: row.created_at.toISOString() }));
  }
}

@CommandHandler(CreatePersonalAccessTokenForAccountCommand)
export class CreatePersonalAccessTokenForAccountHandler implements ICommandHandler<CreatePersonalAccessTokenForAccountCommand> {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  async execute(command: CreatePersonalAccessTokenForAccountCommand): Promise<CreatedPersonalAccessToken> {
    const roleScopes = await this.queryBus.execute(new ScopesOfRolesQuery(command.organizationId, command.roleIds));
    const caller: Credential = {
      accountId: command.accountId,
      organizationId: command.organizationId,
      scopes: roleScopes,
      kind: 'personal_access_token',
      credentialId: 'admin-cli',
    };
    return this.commandBus.execute(new CreatePersonalAccessTokenCommand(caller, command.name, command.scopes).within(command.context));
  }
}
