import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The id of a request: the caller's X-Request-Id when it is a UUID (so a client or proxy can trace
 * its call through our logs), otherwise a fresh one. Anything else a client sends is ignored: the
 * id lands in logs and event metadata, and the spec types request_id as a UUID.
 */
export function resolveRequestId(incoming: string | string[] | undefined): string {
  const candidate = Array.isArray(incoming) ? incoming[0] : incoming;
  return candidate !== undefined && UUID.test(candidate) ? candidate : randomUUID();
}
