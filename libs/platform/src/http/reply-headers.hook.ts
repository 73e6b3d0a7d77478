import type { FastifyInstance } from 'fastify';
import { REQUEST_ID_HEADER } from './request-id';
import { applySecurityHeaders } from './security-headers';

/**
 * X-Request-Id and the security headers on every reply. Set in onSend, which every reply passes
 * through whoever sends it: handlers, the exception filter, CORS preflight answers, unknown routes.
 */
export function installReplyHeaders(instance: FastifyInstance): void {
  instance.addHook('onSend', (request, reply, payload, done) => {
    reply.header(REQUEST_ID_HEADER, String(request.id));
    applySecurityHeaders(reply);
    done(null, payload);
  });
}
