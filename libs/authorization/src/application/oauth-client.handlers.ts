import { randomBytes } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, EventSourcedCommands, actorOf } from '@app/platform';
import { accessTokenDecider, accessTokenStreamId, clientKindOf, oauthClientDecider, oauthClientStreamId, sortScopes } from '../domain';
import {
  DeleteOAuthClientCommand,
  ListOAuthClientsQuery,
  RegisterOAuthClientCommand,
  UpdateOAuthClientCommand,
  type OAuthClientView,
  type RegisteredOAuthClient,
} from './oauth-client.commands';
import { hashSecret, newSecret } from './secret-tokens';


@CommandHandler(RegisterOAuthClientCommand)
export class RegisterOAuthClientHandler implements ICommandHandler<RegisterOAuthClientCommand> {
  constructor(private readonly commands: EventSourcedCommands) {}

  async execute(command: RegisterOAuthClientCommand): Promise<RegisteredOAuthClient> {
    const clientId = randomBytes(16).toString('hex');
    const secret = clientKindOf(command.type) === 'confidential' ? newSecret() : undefined;
    const at = new Date().toISOString();
    await this.commands.execute(oauthClientStreamId(clientId), oauthClientDecider, {
      kind: 'RegisterOAuthClient',
      clientId,
      organizationId: command.organizationId,
      name: command.name,
      type: command.type,
      visibility: command.visibility,
      redirectUris: command.redirectUris,
      scopes: command.scopes,
      secretHash: secret ? hashSecret(secret) : null,
      registeredBy: actorOf(command.context),
      at,
    }, { expectNew: true, context: command.context });
    return {
      client_id: clientId,
      ...(secret ? { client_secret: secret } : {}),
      name: command.name,
      type: command.type,
      visibility: command.visibility,
      redirect_uri: command.redirectUris.join(','),
      scopes: sortScopes(command.scopes),
      created_at: at,
    };
  }
}

@CommandHandler(UpdateOAuthClientCommand)
export class UpdateOAuthClientHandler implements ICommandHandler<UpdateOAuthClientCommand> {
  constructor(private readonly commands: EventSourcedCommands) {}

  async execute(command: UpdateOAuthClientCommand): Promise<void> {
    await this.commands.execute(oauthClientStreamId(command.clientId), oauthClientDecider, {
      kind: 'UpdateOAuthClient',
      clientId: command.clientId,
      organizationId: command.organizationId,
      changes: command.changes,
      at: new Date().toISOString(),
    }, { context: command.context });
  }
}

@CommandHandler(DeleteOAuthClientCommand)
export class DeleteOAuthClientHandler implements ICommandHandler<DeleteOAuthClientCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  async execute({ organizationId, clientId, context }: DeleteOAuthClientCommand): Promise<void> {
    const at = new Date().toISOString();
    await this.commands.execute(oauthClientStreamId(clientId), oauthClientDecider, { kind: 'DeleteOAuthClient', clientId, organizationId, deletedBy: actorOf(context), at }, { context });
    const tokens: { token_id: string }[] = await this.dataSource.query('SELECT token_id FROM access_tokens WHERE client_id = $1 AND revoked_at IS NULL', [clientId]);
    for (const { token_id } of tokens) {
      await this.commands.execute(
        accessTokenStreamId(token_id),
        accessTokenDecider,
        { kind: 'RevokeAccessToken', tokenId: token_id, reason: 'client_deleted', revokedBy: actorOf(context), at },
        { context },
      );
    }
  }
}

@QueryHandler(ListOAuthClientsQuery)
export class ListOAuthClientsHandler implements IQueryHandler<ListOAuthClientsQuery> {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async execute({ organizationId }: ListOAuthClientsQuery): Promise<OAuthClientView[]> {
    const rows: { client_id: string; name: string; type: string; visibility: string; redirect_uris: string[]; scopes: string[]; created_at: Date }[] =
      await this.dataSource.query('SELECT * FROM oauth_clients WHERE organization_id = $1 ORDER BY created_at, client_id', [organizationId]);
    return rows.map((row) => ({
      client_id: row.client_id,
      name: row.name,
      type: row.type,
      visibility: row.visibility,
      redirect_uri: row.redirect_uris.join(','),
      scopes: row.scopes,
      created_at: row.created_at.toISOString(),
    }));
  }
}
