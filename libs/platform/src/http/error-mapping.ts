import { HttpException } from '@nestjs/common';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../event-store/event-store.errors';
import { ApiError, ConflictError, ServiceUnavailableError } from './api-errors';
import { isDatabaseUnavailableError } from './database-unavailable';
import type { ErrorCode, ErrorEnvelope } from './error-envelope';

/** What to answer for a thrown value, before the request id is known. */
export interface ErrorReply {
  readonly status: number;
  readonly body: Omit<ErrorEnvelope, 'request_id'>;
  readonly headers: Readonly<Record<string, string>>;
  /** How loud to log it: client mistakes are not logged, outages warn, our bugs are errors. */
  readonly logLevel: 'none' | 'warn' | 'error';
}

const SERVER_ERROR_DESCRIPTION = 'The server encountered an unexpected condition that prevented it from fulfilling the request.';

/**
 * Generic words per status for framework exceptions (unknown route, body too large, JSON syntax,
 * ...). Their own messages are never sent: they may quote the request or name internals.
 */
const HTTP_STATUS_REPLIES: Readonly<Record<number, { error: ErrorCode; description: string }>> = {
  400: { error: 'bad_request', description: 'The request is malformed.' },
  401: { error: 'unauthorized', description: 'The request lacks valid credentials.' },
  403: { error: 'access_denied', description: 'The request was denied.' },
  404: { error: 'resource_not_found', description: "The requested resource couldn't be found." },
  405: { error: 'bad_request', description: 'The method is not allowed for this resource.' },
  406: { error: 'bad_request', description: 'The requested media type cannot be produced.' },
  408: { error: 'bad_request', description: 'The request took too long to arrive.' },
  409: { error: 'conflict', description: "The request couldn't be processed because of a conflict with the current state of the resource." },
  411: { error: 'bad_request', description: 'The request needs a Content-Length.' },
  413: { error: 'bad_request', description: 'The request body is too large.' },
  414: { error: 'bad_request', description: 'The request URI is too long.' },
  415: { error: 'bad_request', description: 'The request body has an unsupported content type; send application/json.' },
  422: { error: 'invalid_request', description: 'The request has invalid or missing fields.' },
  429: { error: 'temporarily_unavailable', description: 'Too many requests; retry later.' },
  431: { error: 'bad_request', description: 'The request headers are too large.' },
  503: { error: 'temporarily_unavailable', description: 'The service is temporarily unavailable; retry later.' },
};

/** Fastify error codes whose cause deserves more precise words than the status alone. */
const FASTIFY_CODE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty but its content type is application/json.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The request body does not match its Content-Length.',
};

export function toErrorReply(exception: unknown): ErrorReply {
  if (exception instanceof ApiError) return fromApiError(exception, exception.status >= 500 ? 'error' : 'none');
  if (exception instanceof EventStoreUnavailableError || isDatabaseUnavailableError(exception)) {
    return fromApiError(new ServiceUnavailableError(), 'warn');
  }
  // Still losing the race after every retry: the resource is too busy right now, not broken.
  if (exception instanceof WrongExpectedRevisionError) {
    return fromApiError(new ConflictError('The resource was changed by another request at the same time; retry.'), 'warn');
  }
  if (exception instanceof HttpException) return fromHttpException(exception);
  return serverError();
}

function fromApiError(error: ApiError, logLevel: ErrorReply['logLevel']): ErrorReply {
  return {
    status: error.status,
    body: { error: error.errorCode, error_description: error.description, ...error.extras },
    headers: error.headers,
    logLevel,
  };
}

function fromHttpException(exception: HttpException): ErrorReply {
  const status = exception.getStatus();
  if (status >= 500 && status !== 503) return serverError();
  const known = HTTP_STATUS_REPLIES[status] ?? HTTP_STATUS_REPLIES[400];
  const causeCode = (exception.cause as { code?: unknown } | undefined)?.code;
  const description = (typeof causeCode === 'string' && FASTIFY_CODE_DESCRIPTIONS[causeCode]) || known.description;
  return { status, body: { error: known.error, error_description: description }, headers: {}, logLevel: status === 503 ? 'warn' : 'none' };
}

function serverError(): ErrorReply {
  return { status: 500, body: { error: 'server_error', error_description: SERVER_ERROR_DESCRIPTION }, headers: {}, logLevel: 'error' };
}
