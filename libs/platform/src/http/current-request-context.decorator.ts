import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../context/request-context';
import { requestContextOf } from './request-context.hooks';

/** The context of the request being served, to hand on to the commands it sends (`within`). */
export const CurrentRequestContext = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestContext | undefined => requestContextOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
