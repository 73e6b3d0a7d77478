import type { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestContext } from '../context/request-context';

const contexts = new WeakMap<FastifyRequest, RequestContext>();

/** The context of a request (undefined only for a request the hooks never saw). */
export function requestContextOf(request: FastifyRequest): RequestContext | undefined {
  return contexts.get(request);
}

/**
 * Every request gets its RequestContext (see context/request-context) in the adapter's own
 * onRequest hook, the first one Fastify runs, so that CORS, Nest middleware, guards, handlers and
 * the reply's hooks all find it on the request (`requestContextOf`, `@CurrentRequestContext()`).
 */
export function installRequestContextHooks(adapter: FastifyAdapter): void {
  adapter.setOnRequestHook((request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
    const requestId = String(request.id);
    contexts.set(request, { requestId, correlationId: requestId });
    done();
  });
}
