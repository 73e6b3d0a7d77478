/**
 * Recognizes "the database could not be reached" among driver errors, so such a failure answers
 * 503 (retry later) instead of 500 (our bug). Free of Nest and drivers: matches on codes only.
 */

/** Socket-level failures (Node) and PostgreSQL SQLSTATEs for shutdown and lost connections. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
]);
/** SQLSTATE class 08, connection exception: 08000 to 08006. */
const CONNECTION_EXCEPTION = /^0800[0-6]$/;
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  // A checked-out connection the server ended (shutdown, restart) refuses the work's next query.
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
];
const MAX_CAUSE_DEPTH = 5;

interface ErrorLike {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly cause?: unknown;
  /** TypeORM wraps the driver's error here. */
  readonly driverError?: unknown;
  /** Node's AggregateError, e.g. a connect that failed on every address. */
  readonly errors?: unknown;
}

export function isDatabaseUnavailableError(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > MAX_CAUSE_DEPTH) return false;
  const candidate = error as ErrorLike;
  if (typeof candidate.code === 'string' && (UNAVAILABLE_CODES.has(candidate.code) || CONNECTION_EXCEPTION.test(candidate.code))) return true;
  if (typeof candidate.message === 'string' && UNAVAILABLE_MESSAGES.some((text) => (candidate.message as string).startsWith(text))) return true;
  const wrapped = [candidate.cause, candidate.driverError, ...(Array.isArray(candidate.errors) ? candidate.errors : [])];
  return wrapped.some((inner) => inner !== error && isDatabaseUnavailableError(inner, depth + 1));
}
