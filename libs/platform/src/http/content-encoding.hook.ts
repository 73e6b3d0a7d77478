import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './api-errors';

/** The one content coding request bodies may carry, said or unsaid. */
const IDENTITY = 'identity';

/**
 * A body is read as it arrives: one sent with a Content-Encoding (gzip, br, ...) would be parsed
 * as its compressed bytes and answer a misleading "malformed", or be kept as text. RFC 9110
 * §15.5.16: refuse it with 415 and say which coding is accepted. Inflating it instead would need a
 * second limit, on the inflated size, against compression bombs; no client of the API compresses
 * what it sends.
 */
export class UnsupportedContentEncodingError extends ApiError {
  constructor() {
    super(415, 'bad_request', 'The request body has a Content-Encoding this service does not accept; send it uncompressed.', {}, { 'accept-encoding': IDENTITY });
  }
}

/** Refuses, before the body is parsed, a request body in any content coding but identity. */
export function installContentEncodingCheck(instance: FastifyInstance): void {
  instance.addHook('preParsing', (request, _reply, payload, done) => {
    if (hasBody(request) && !isIdentity(request.headers['content-encoding'])) done(new UnsupportedContentEncodingError());
    else done(null, payload);
  });
}

/** `identity`, an empty list, or no header at all: codings are case-insensitive and comma-separated. */
function isIdentity(header: string | undefined): boolean {
  if (header === undefined) return true;
  return header
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .every((coding) => coding === '' || coding === IDENTITY);
}

/** A request without a body has nothing encoded, whatever its headers say. */
function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
