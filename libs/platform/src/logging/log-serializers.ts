import { stdSerializers } from 'pino';
import { redactUrl } from './secret-redaction';

/** The shape of the request objects Fastify and Node hand to the logger; every field optional. */
interface LoggableRequest {
  readonly id?: unknown;
  readonly method?: string;
  readonly url?: string;
  readonly headers?: Record<string, unknown>;
  readonly ip?: string;
  readonly raw?: { readonly url?: string };
}

interface LoggableReply {
  readonly statusCode?: number;
}

/**
 * Method, URL, id and headers; never the body. Secret query values are removed here, since the
 * line-level redaction sees the URL only as text; header values are removed there, by key.
 */
export function serializeRequest(request: LoggableRequest): Record<string, unknown> {
  const url = request.url ?? request.raw?.url;
  return {
    id: request.id,
    method: request.method,
    url: url === undefined ? undefined : redactUrl(url),
    remoteAddress: request.ip,
    headers: request.headers,
  };
}

export function serializeReply(reply: LoggableReply): Record<string, unknown> {
  return { statusCode: reply.statusCode };
}

/** pino's error shape: type, message, stack, cause and own fields. */
export function serializeError(error: unknown): unknown {
  return error instanceof Error ? stdSerializers.err(error) : error;
}

export const logSerializers = {
  req: serializeRequest,
  request: serializeRequest,
  res: serializeReply,
  reply: serializeReply,
  err: serializeError,
  error: serializeError,
};
