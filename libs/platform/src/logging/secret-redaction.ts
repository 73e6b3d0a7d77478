/**
 * Keeps credentials out of logs and error details. Key rules match on a normalized name
 * (lowercase, without '-' and '_'), so `access_token`, `accessToken` and `Access-Token` are the same.
 */

export const REDACTED = '[REDACTED]';

const SECRET_KEYS = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'codeverifier',
  'clientsecret',
]);
const SECRET_KEY_PARTS = ['secret', 'password', 'passwd'];
/** An OAuth authorization code; but on a serialized error, `code` is a harmless error code. */
const AUTHORIZATION_CODE_KEY = 'code';
/**
 * On a serialized database error: the statement's values (TypeORM's QueryFailedError) and the
 * server's account of the offending row ("Key (email)=(...) already exists"). Both repeat what
 * read models hold, personal data included, so they stay out of logs; `constraint`, `table` and
 * `column` still say what failed.
 */
const DATABASE_ERROR_VALUE_KEYS = new Set(['parameters', 'detail']);

const MAX_DEPTH = 12;

export interface RedactionOptions {
  /**
   * The value is a serialized error: its `code` is kept (e.g. ECONNREFUSED), and the row values a
   * database error carries are removed.
   */
  readonly serializedError?: boolean;
}

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

export function isSecretKey(key: string, options: RedactionOptions = {}): boolean {
  const name = normalizeKey(key);
  if (SECRET_KEYS.has(name)) return true;
  if (name === AUTHORIZATION_CODE_KEY) return !options.serializedError;
  if (options.serializedError && DATABASE_ERROR_VALUE_KEYS.has(name)) return true;
  return SECRET_KEY_PARTS.some((part) => name.includes(part));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A copy of `value` with the values of secret keys replaced, through plain objects and arrays.
 * Other objects (errors, requests, class instances) are returned as they are: their serializers
 * pick the fields worth logging and redact those.
 */
export function redactSecrets<T>(value: T, options: RedactionOptions = {}): T {
  return redactValue(value, options, new WeakSet(), 0) as T;
}

function redactValue(value: unknown, options: RedactionOptions, seen: WeakSet<object>, depth: number): unknown {
  if (Array.isArray(value)) {
    if (seen.has(value)) return '[Circular]';
    if (depth >= MAX_DEPTH) return '[Truncated]';
    seen.add(value);
    const copy = value.map((item) => redactValue(item, options, seen, depth + 1));
    seen.delete(value);
    return copy;
  }
  if (!isPlainObject(value)) return value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(value);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = isSecretKey(key, options) && item !== undefined && item !== null ? REDACTED : redactValue(item, options, seen, depth + 1);
  }
  seen.delete(value);
  return copy;
}

/** The URL with the values of secret query parameters (e.g. `?code=`, `?access_token=`) replaced. */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const query = url
    .slice(queryStart + 1)
    .split('&')
    .map((pair) => {
      const separator = pair.indexOf('=');
      const key = separator < 0 ? pair : pair.slice(0, separator);
      return separator >= 0 && isSecretKey(safeDecode(key)) ? `${key}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, queryStart)}?${query}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi;
const AUTH_SCHEME_VALUE = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;
const SECRET_ASSIGNMENT =
  /\b([a-z_-]*(?:password|passwd|secret|token|code_verifier)[a-z_-]*|code)=(?:"[^"]*"|'[^']*'|[^\s&;,]+)/gi;

/**
 * Free text (an error message from a driver, say) with the usual shapes of credentials removed:
 * `scheme://user:pass@host`, `Bearer xyz`, `password=xyz`. A best effort: never put secrets in
 * messages in the first place.
 */
export function redactSecretsInText(text: string): string {
  return text
    .replace(URL_CREDENTIALS, `$1${REDACTED}@`)
    .replace(AUTH_SCHEME_VALUE, `$1 ${REDACTED}`)
    .replace(SECRET_ASSIGNMENT, `$1=${REDACTED}`);
}
