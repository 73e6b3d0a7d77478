import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { currentRequestContext, ForbiddenError, PUBLIC_ROUTE, UnauthorizedError } from '@app/platform';
import type { Credential } from '../contracts/credential';
import { grantsAny } from '../domain';
import { OPTIONAL_CREDENTIAL, REQUIRED_SCOPES } from './require-scopes.decorator';

/**
 * Default deny: every route needs a valid Bearer access token or Basic PAT unless marked public,
 * and the scopes its @RequireScopes names. The credential becomes the request's actor.
 */
@Injectable()
export class CredentialGuard extends AuthGuard(['bearer', 'basic']) {
  constructor(private readonly reflector: Reflector) {
    super({ session: false });
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: Credential }>();
    if (!request.headers.authorization && this.reflector.getAllAndOverride<boolean>(OPTIONAL_CREDENTIAL, targets)) return true;
    await super.canActivate(context);
    const credential = request.user!;
    const required = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_SCOPES, targets);
    if (required?.length && !grantsAny(credential.scopes, required)) throw new ForbiddenError();
    const requestContext = currentRequestContext();
    if (requestContext) {
      requestContext.actorId = credential.accountId;
      if (credential.clientId) requestContext.clientId = credential.clientId;
      if (credential.kind === 'personal_access_token') requestContext.patId = credential.credentialId;
    }
    return true;
  }

  /**
   * A credential that failed its check is a 401; a check that could not run (the database is
   * down) is not a verdict on the credential: rethrown, it answers 503 and the client keeps a
   * token that is still good instead of throwing it away.
   */
  override handleRequest<T>(error: unknown, credential: T | false): T {
    if (error) throw error;
    if (!credential) throw new UnauthorizedError('The account is not authorized.');
    return credential;
  }
}
