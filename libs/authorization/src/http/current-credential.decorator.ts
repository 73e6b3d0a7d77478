import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Credential } from '../contracts/credential';

/** The verified credential of the request (undefined only on routes with an optional credential). */
export const CurrentCredential = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Credential | undefined => context.switchToHttp().getRequest<{ user?: Credential }>().user,
);
