import { Body, Controller, Delete, Get, HttpCode, Param, ParseArrayPipe, Patch, Post, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CurrentRequestContext, NotFoundError, OwnWrites, ValidationError, type RequestContext } from '@app/platform';
import type { Credential } from '../contracts/credential';
import {
  DeleteOAuthClientCommand,
  ListOAuthClientsQuery,
  RegisterOAuthClientCommand,
  UpdateOAuthClientCommand,
  type OAuthClientView,
  type RegisteredOAuthClient,
} from '../application/oauth-client.commands';
import { parseRedirectUris } from '../domain';
import { CurrentCredential } from './current-credential.decorator';
import { RegisterOAuthClientDto, UpdateOAuthClientDto } from './oauth-client.dto';
import { RequireScopes } from './require-scopes.decorator';

const CLIENT_ID = /^[0-9a-f]{32}$/;

function clientId(value: string): string {
  if (!CLIENT_ID.test(value)) throw new ValidationError({ client_id: 'must be 32 lowercase hex characters' });
  return value;
}

/** OAuth clients of the caller's organization, in the shape the developer tooling sends and reads. */
@Controller('clients')
@RequireScopes('organization--my:rw')
export class OAuthClientsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly ownWrites: OwnWrites,
  ) {}

  @Post()
  @HttpCode(201)
  register(
    @Body() body: RegisterOAuthClientDto,
    @CurrentCredential() credential: Credential,
    @CurrentRequestContext() context: RequestContext | undefined,
  ): Promise<RegisteredOAuthClient> {
    return this.commands.execute(
      new RegisterOAuthClientCommand(credential.organizationId, body.name, body.type, body.visibility ?? 'private', parseRedirectUris(body.redirect_uri), body.scopes ?? []).within(context),
    );
  }

  @Get()
  list(@CurrentCredential() credential: Credential): Promise<OAuthClientView[]> {
    return this.queries.execute(new ListOAuthClientsQuery(credential.organizationId));
  }

  @Get(':client_id')
  async get(
    @Param('client_id') id: string,
    @CurrentCredential() credential: Credential,
    @CurrentRequestContext() context: RequestContext | undefined,
  ): Promise<OAuthClientView> {
    return this.find(clientId(id), credential, context);
  }

  @Patch(':client_id')
  async update(
    @Param('client_id') id: string,
    @Body() body: UpdateOAuthClientDto,
    @CurrentCredential() credential: Credential,
    @CurrentRequestContext() context: RequestContext | undefined,
  ): Promise<OAuthClientView> {
    const changes = {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.redirect_uri !== undefined ? { redirectUris: parseRedirectUris(body.redirect_uri) } : {}),
      ...(body.scopes !== undefined ? { scopes: body.scopes } : {}),
    };
    await this.commands.execute(new UpdateOAuthClientCommand(credential.organizationId, clientId(id), changes).within(context));
    return this.find(id, credential, context);
  }

  /** Replaces the client's scopes; the body is the array of scopes. */
  @Put(':client_id/scopes')
  async setScopes(
    @Param('client_id') id: string,
    @Body(new ParseArrayPipe({ items: String, separator: ',' })) scopes: string[],
    @CurrentCredential() credential: Credential,
    @CurrentRequestContext() context: RequestContext | undefined,
  ): Promise<OAuthClientView> {
    await this.commands.execute(new UpdateOAuthClientCommand(credential.organizationId, clientId(id), { scopes }).within(context));
    return this.find(id, credential, context);
  }

  @Delete(':client_id')
  async delete(
    @Param('client_id') id: string,
    @CurrentCredential() credential: Credential,
    @CurrentRequestContext() context: RequestContext | undefined,
  ): Promise<Record<string, never>> {
    await this.commands.execute(new DeleteOAuthClientCommand(credential.organizationId, clientId(id)).within(context));
    return {};
  }

  private async find(id: string, credential: Credential, context: RequestContext | undefined): Promise<OAuthClientView> {
    await this.ownWrites.visible(context);
    const found = (await this.queries.execute(new ListOAuthClientsQuery(credential.organizationId))).find((c) => c.client_id === id);
    if (!found) throw new NotFoundError('client', id);
    return found;
  }
}
