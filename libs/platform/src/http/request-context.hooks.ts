import type { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { runWithRequestContext, type RequestContext } from '../context/request-context';

const contexts = new WeakMap<FastifyRequest, RequestContext>();

/** The context the request runs in, for hooks that run outside its async scope. */
export function requestContextOf(request: FastifyRequest): RequestContext | undefined {
  return contexts.get(request);
}

/**
 * Every request runs inside its RequestContext (see context/request-context).
 *
 * The context starts in the adapter's own onRequest hook, the first one Fastify runs, so that CORS,
 * Nest middleware, guards and handlers all see it. It is entered again just before the handler:
 * body parsing runs on stream callbacks, and while Fastify's own parsers carry the async context
 * across them, a parser plugin (multipart, a custom one) may not.
 */
export function installRequestContextHooks(adapter: FastifyAdapter): void {
  adapter.setOnRequestHook((request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
    const requestId = String(request.id);
    const context: RequestContext = { requestId, correlationId: requestId };
    contexts.set(request, context);
    runWithRequestContext(context, () => done());
  });

  adapter.getInstance().addHook('preHandler', (request, _reply, done) => {
    const context = contexts.get(request);
    if (context) runWithRequestContext(context, () => done());
    else done();
  });
}
