import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ForbiddenError, PUBLIC_ROUTE, requestContextOf, UnauthorizedError } from '@app/platform';
import type { Credential } from '../contracts/credential';
import { grantsAny } from '../domain';
import { OPTIONAL_CREDENTIAL, REQUIRED_SCOPES } from './require-scopes.decorator';

/** What a route's decorators (on its method, else its controller) ask of the credential. */
interface RouteCredentialRules {
  readonly isPublic: boolean;
  readonly optional: boolean;
  readonly required: readonly string[] | undefined;
}

type Target = ReturnType<ExecutionContext['getClass']>;

/**
 * Default deny: every route needs a valid Bearer access token or Basic PAT unless marked public,
 * and the scopes its @RequireScopes names. The credential becomes the request's actor.
 */
@Injectable()
export class CredentialGuard extends AuthGuard(['bearer', 'basic']) {
  /**
   * Each route's rules, by handler and controller (a handler a controller inherits may be
   * decorated differently in each). Decorators are fixed once the classes are defined, and reading
   * them anew on every request (six metadata lookups up the prototype chains) was a few percent of
   * a cached read's CPU.
   */
  private readonly rules = new WeakMap<object, WeakMap<Target, RouteCredentialRules>>();

  constructor(private readonly reflector: Reflector) {
    super({ session: false });
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const rules = this.rulesOf(context.getHandler(), context.getClass());
    if (rules.isPublic) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Credential }>();
    if (!request.headers.authorization && rules.optional) return true;
    await super.canActivate(context);
    const credential = request.user!;
    const required = rules.required;
    if (required?.length && !grantsAny(credential.scopes, required)) throw new ForbiddenError();
    const requestContext = requestContextOf(request);
    if (requestContext) {
      requestContext.actorId = credential.accountId;
      if (credential.clientId) requestContext.clientId = credential.clientId;
      if (credential.kind === 'personal_access_token') requestContext.patId = credential.credentialId;
    }
    return true;
  }

  private rulesOf(handler: object, controller: Target): RouteCredentialRules {
    let byController = this.rules.get(handler);
    if (!byController) this.rules.set(handler, (byController = new WeakMap()));
    let rules = byController.get(controller);
    if (!rules) {
      const targets = [handler as Target, controller];
      rules = {
        isPublic: Boolean(this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets)),
        optional: Boolean(this.reflector.getAllAndOverride<boolean | undefined>(OPTIONAL_CREDENTIAL, targets)),
        required: this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_SCOPES, targets),
      };
      byController.set(controller, rules);
    }
    return rules;
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
