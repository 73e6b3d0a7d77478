import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CurrentRequestContext, IdOrMePipe, type RequestContext } from '@app/platform';
import type { Credential } from '../contracts/credential';
import {
  CreatePersonalAccessTokenCommand,
  ListPersonalAccessTokensQuery,
  RevokePersonalAccessTokenCommand,
  type CreatedPersonalAccessToken,
  type PersonalAccessTokenView,
} from '../application/personal-access-token.commands';
import { CurrentCredential } from './current-credential.decorator';
import { CreatePersonalAccessTokenDto } from './personal-access-token.dto';

/** Personal access tokens of the calling account, used as HTTP Basic passwords (username: account id). */
@Controller('personal_access_tokens')
export class PersonalAccessTokensController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  create(
    @Body() body: CreatePersonalAccessTokenDto,
    @CurrentCredential() credential: Credential,
    @CurrentRequestContext() context: RequestContext | undefined,
  ): Promise<CreatedPersonalAccessToken> {
    return this.commands.execute(new CreatePersonalAccessTokenCommand(credential, body.name, body.scopes).within(context));
  }

  @Get()
  list(@CurrentCredential() credential: Credential): Promise<PersonalAccessTokenView[]> {
    return this.queries.execute(new ListPersonalAccessTokensQuery(credential.accountId, credential.organizationId));
  }

  @Delete(':pat_id')
  async revoke(
    @Param('pat_id', new IdOrMePipe('pat_id', [])) patId: string,
    @CurrentCredential() credential: Credential,
    @CurrentRequestContext() context: RequestContext | undefined,
  ): Promise<Record<string, never>> {
    await this.commands.execute(new RevokePersonalAccessTokenCommand(credential.accountId, patId).within(context));
    return {};
  }
}
