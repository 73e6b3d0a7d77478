import { Body, Controller, Delete, Get, Header, Headers, HttpCode, Ip, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CurrentRequestContext, PublicRoute, type RequestContext } from '@app/platform';
import { ExchangeTokenCommand, GetTokenInfoQuery, RevokeTokenCommand, type TokenInfo, type TokenResponse } from '../../application/oauth/oauth-token.commands';
import { TokenEndpointThrottle } from './token-endpoint-throttle';
import { presentedAccessToken, readTokenRequest } from './token-request';

/**
 * The OAuth 2 token endpoint and its companions. Public routes: the token endpoint authenticates
 * clients by their own credentials, revoke and info check the token they are about.
 */
@Controller()
@PublicRoute()
export class TokenController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly throttle: TokenEndpointThrottle,
  ) {}

  @Post('token')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  token(
    @Ip() ip: string,
    @Body() body: unknown,
    @CurrentRequestContext() context: RequestContext | undefined,
    @Headers('authorization') authorization?: string,
  ): Promise<TokenResponse> {
    return this.throttle.guard(ip, () => this.commands.execute(new ExchangeTokenCommand(readTokenRequest(body, authorization)).within(context)));
  }

  @Delete('token')
  @HttpCode(200)
  async revoke(
    @CurrentRequestContext() context: RequestContext | undefined,
    @Headers('authorization') authorization?: string,
    @Query('code') code?: unknown,
  ): Promise<Record<string, never>> {
    await this.commands.execute(new RevokeTokenCommand(presentedAccessToken(authorization, code)).within(context));
    return {};
  }

  @Get('info')
  @Header('Cache-Control', 'no-store')
  info(@Headers('authorization') authorization?: string, @Query('code') code?: unknown): Promise<TokenInfo> {
    return this.queries.execute(new GetTokenInfoQuery(presentedAccessToken(authorization, code)));
  }
}
