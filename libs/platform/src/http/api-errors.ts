/**
 * Errors that know their HTTP answer. Domain and application code throw them; the exception filter
 * turns them into the spec's envelope. This file must stay free of Nest and of any I/O so that
 * `domain/` code may import it.
 */
import type { ErrorCode, ErrorEnvelopeExtras } from './error-envelope';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: ErrorCode,
    /** Sent to the client as error_description: plain words, no internals, no secrets. */
    readonly description: string,
    readonly extras: ErrorEnvelopeExtras = {},
    /** Reply headers that belong to the error, e.g. Retry-After. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(description);
    this.name = new.target.name;
  }
}

export class BadRequestError extends ApiError {
  constructor(description = 'The request is malformed.') {
    super(400, 'bad_request', description);
  }
}

/** The request's shape is wrong: each invalid field (path nested with dots) and what is wrong with it. */
export class ValidationError extends ApiError {
  constructor(
    readonly invalidFields: Readonly<Record<string, string>>,
    description = 'The request has invalid or missing fields.',
  ) {
    super(422, 'invalid_request', description, { invalid_fields: invalidFields });
  }
}

export class UnauthorizedError extends ApiError {
  constructor(description = 'The request lacks valid credentials.') {
    super(401, 'unauthorized', description);
  }
}

/** The credential is valid but does not carry the scopes the operation needs. */
export class ForbiddenError extends ApiError {
  constructor(description = 'The credential lacks a scope this operation requires.', subError = 'insufficient_scope') {
    super(403, 'access_denied', description, { sub_error: subError });
  }
}

export class NotFoundError extends ApiError {
  constructor(
    readonly resourceName: string,
    readonly resourceId: string,
    description = `The requested ${resourceName} couldn't be found.`,
  ) {
    super(404, 'resource_not_found', description, { resource_name: resourceName, resource_id: resourceId });
  }
}

export class ConflictError extends ApiError {
  constructor(description = "The request couldn't be processed because of a conflict with the current state of the resource.") {
    super(409, 'conflict', description);
  }
}

function retryAfter(seconds: number | undefined): Record<string, string> {
  return seconds === undefined ? {} : { 'retry-after': String(Math.max(0, Math.ceil(seconds))) };
}

/**
 * Rate limited. The spec's error enum has no rate-limit code; `temporarily_unavailable` (RFC 6749:
 * "temporary overloading") is the closest one clients already understand.
 */
export class TooManyRequestsError extends ApiError {
  constructor(retryAfterSeconds?: number, description = 'Too many requests; retry later.') {
    super(429, 'temporarily_unavailable', description, {}, retryAfter(retryAfterSeconds));
  }
}

/** A dependency (database, event store) is down; the same request may succeed later. */
export class ServiceUnavailableError extends ApiError {
  constructor(description = 'The service is temporarily unavailable; retry later.', retryAfterSeconds?: number) {
    super(503, 'temporarily_unavailable', description, {}, retryAfter(retryAfterSeconds));
  }
}
