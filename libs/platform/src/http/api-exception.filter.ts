import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { redactUrl } from '../logging/secret-redaction';
import type { ErrorEnvelope } from './error-envelope';
import { toErrorReply } from './error-mapping';
import { REQUEST_ID_HEADER } from './request-id';

/**
 * The one place an exception becomes an HTTP answer: the spec's envelope, the request id in body
 * and header, and a log line for what is not the client's fault (with the real error, which the
 * client never sees). Catches everything, including unknown routes and body-parsing failures.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const mapped = toErrorReply(exception);
    const requestId = String(request.id);

    if (mapped.logLevel !== 'none') {
      this.logger[mapped.logLevel](
        { err: exception, requestId, method: request.method, url: redactUrl(request.url), status: mapped.status },
        'request failed',
      );
    }
    if (reply.sent) return;

    const body: ErrorEnvelope = { ...mapped.body, request_id: requestId };
    reply
      .status(mapped.status)
      .headers({ ...mapped.headers, [REQUEST_ID_HEADER]: requestId, 'content-type': 'application/json; charset=utf-8' })
      .send(body);
  }
}
