import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { FieldType } from './operation-catalogue';

/**
 * Generators of hostile input. Each names what it is after: the suite's properties combine them
 * with an otherwise valid request, so a refusal can only come from the one broken part.
 */

/** Strings written by attackers: SQL, header and path injection, template and script payloads. */
export const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE es_events; --",
  '" OR ""="',
  '1; SELECT pg_sleep(10)--',
  "') UNION SELECT password_hash FROM account_passwords --",
  '\\x27\\x3b',
  '%27%20OR%201%3D1',
  'admin\r\nSet-Cookie: gaa_session=stolen',
  'x\r\n\r\n<html>injected</html>',
  '%0d%0aLocation:%20https://evil.example.com',
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '${7*7}{{7*7}}#{7*7}',
  '__proto__',
  'constructor',
  '{"$ne":null}',
  '\u0000',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
];

/** Unicode that trips up code which assumes one code unit per character, or a sane direction. */
export const UNICODE_EDGES = [
  '\ud800', // a lone high surrogate
  '\udfff', // a lone low surrogate
  '\ud83d\ude00', // an emoji (two code units)
  '\u202e\u0644\u0627', // right-to-left override
  '\u200b\u200c\u200d\ufeff', // zero widths and a BOM
  'e\u0301\u0301\u0301\u0301', // stacked combining marks
  '\uffff\ufffe', // noncharacters
  '\u0085\u2028\u2029', // line separators JSON allows and JavaScript once did not
  'Ａｄｍｉｎ', // full-width look-alikes
  'İı', // case mapping that changes length
  '\u0000\u0001\u001f', // control characters, NUL included
];

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...INJECTIONS),
  fc.constantFrom(...UNICODE_EDGES),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.string({ unit: 'grapheme', maxLength: 64 }),
  fc.tuple(fc.constantFrom(...INJECTIONS, ...UNICODE_EDGES), fc.integer({ min: 100, max: 3_000 })).map(([s, n]) => s.repeat(Math.ceil(n / s.length)).slice(0, n)),
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CLIENT_ID = /^[0-9a-f]{32}$/;

/**
 * Path ids that are not ids: near-miss UUIDs, injections, unicode, huge ones. Never `me`/`my`,
 * a real UUID or client id, nor `.`/`..` (which a URL resolves away into another route).
 */
export const invalidId: fc.Arbitrary<string> = fc
  .oneof(
    fc.uuid().map((u) => u.slice(0, -1)),
    fc.uuid().map((u) => `${u}0`),
    fc.uuid().map((u) => u.replace(/-/g, '')),
    fc.uuid().map((u) => `{${u}}`),
    fc.uuid().map((u) => `${u.slice(0, 8)}g${u.slice(9)}`),
    fc.uuid().map((u) => ` ${u}`),
    fc.uuid().map((u) => `${u}'--`),
    fc.constantFrom('0', '-1', '1e9', 'true', 'null', 'ME', 'me ', 'mine', 'my%00', '%', '%zz', '00000000-0000-0000-0000-00000000000g'),
    hostileText,
  )
  .filter((id) => id.length > 0 && !UUID.test(id) && !CLIENT_ID.test(id) && !['me', 'my', '.', '..'].includes(id) && !/^\.+$/.test(id));

/** The id in a URL path: percent-encoded so it stays one segment, as a client library would send it. */
export const pathSegment = (id: string): string => encodeURIComponent(id.replace(/[\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`));

/** A value of any JSON type except `type` (and except null, which optional fields may accept). */
export function wrongType(type: FieldType): fc.Arbitrary<unknown> {
  // No infinities: JSON.stringify writes them as null, which optional fields accept.
  const choices: fc.Arbitrary<unknown>[] = [fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean()];
  if (type !== 'string' && type !== 'scope list') choices.push(hostileText);
  if (type !== 'array' && type !== 'scope list') choices.push(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }));
  if (type !== 'object') choices.push(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }));
  return fc.oneof(...choices);
}

/** A JSON document that is not an object: what a DTO-bound body can never be. */
export const nonObjectJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  hostileText,
  fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 8 }),
);

/** Text that is not JSON but starts like it: truncations, trailing garbage, JavaScript-isms. */
export function malformedJson(validBody: unknown): fc.Arbitrary<string> {
  const text = JSON.stringify(validBody);
  return fc.oneof(
    fc.integer({ min: 1, max: Math.max(1, text.length - 1) }).map((n) => text.slice(0, n)),
    fc.constantFrom('{', '{"a":}', '{a:1}', "{'a':1}", '{"a":1,}', '[1,2', '{"a":NaN}', '{"a":undefined}', '{"a":1}}', '{"a":"\\x41"}', '{"a":"\\u12"}', '{"a":01}', '{} {}'),
    fc.string({ maxLength: 40 }).map((garbage) => `${text}x${garbage}`),
    fc.string({ unit: 'binary', maxLength: 40 }).map((garbage) => `{${garbage}`).filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    }),
  );
}

/** Media types that are not JSON, nor the JSON-tolerant text/plain (compat.md), nor a form. */
export const wrongContentType: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'application/xml',
    'text/html',
    'text/csv',
    'application/octet-stream',
    'multipart/form-data; boundary=----x',
    'image/png',
    'application/jsonx',
    'application/json-patch+xml',
    'application/x-yaml',
  ),
  fc.tuple(fc.stringMatching(/^[a-z]{1,10}$/), fc.stringMatching(/^[a-z]{1,10}$/)).map(([a, b]) => `${a}/${b}`),
).filter((type) => !/^(application\/json|text\/plain|application\/x-www-form-urlencoded)\b/i.test(type) && !/\+json$/i.test(type));

/** Content codings other than identity (RFC 9110 section 8.4.1): alone, in any case, or listed with identity. */
export const contentCoding: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom('gzip', 'x-gzip', 'GZIP', 'deflate', 'br', 'compress', 'zstd', 'identity, gzip', 'gzip, identity', 'br,identity'),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/),
  )
  .filter((coding) => coding.trim().toLowerCase() !== 'identity');

/** The body compressed as its first coding says where Node can (so it is a real compressed body), else as it is. */
export function compressedAs(coding: string, body: string): string | Buffer {
  const first = coding.split(',')[0].trim().toLowerCase();
  if (first === 'gzip' || first === 'x-gzip') return gzipSync(body);
  if (first === 'deflate') return deflateSync(body);
  if (first === 'br') return brotliCompressSync(body);
  return body;
}

/** Authorization headers no credential check may accept, and none may crash on. */
export const malformedAuthorization: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', 'Bearer', 'Bearer ', 'Basic', 'Basic ', 'Bearer  dal:', 'bearer dal:', 'Basic Og==', 'Basic ====', 'Basic %%%', 'Token abc', 'Digest username="a"', 'Negotiate YII=', 'Bearer a b c', 'Basic YWJj', 'Bearer dal:a:b'),
  hostileText.map((t) => `Bearer ${t}`),
  hostileText.map((t) => `Basic ${t}`),
  fc.tuple(invalidId, hostileText).map(([user, password]) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`),
  fc.tuple(fc.uuid(), hostileText).map(([user, password]) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`),
  fc.tuple(fc.constantFrom('dal', 'fra', '', 'x'.repeat(300)), hostileText).map(([region, rest]) => `Bearer ${region}:${rest}`),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.integer({ min: 2_000, max: 12_000 }).map((n) => `Bearer dal:${'A'.repeat(n)}`),
)
  // fetch refuses to send what HTTP cannot carry in a header (control characters, non-Latin-1); the raw-socket cases send those.
  .map((header) => header.replace(/[^\x20-\x7e]/g, '?').trim())
  .filter((header) => header.length > 0);

/** A field's value replaced at a dotted path (`roles.0.role`), in a deep copy of the body. */
export function withField(body: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) {
    if (node[key] === null || typeof node[key] !== 'object') node[key] = /^\d+$/.test(keys[keys.indexOf(key) + 1] ?? '') ? [] : {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
  return copy;
}

/** The JSON text of `body` with `key` given twice at the top level: first valid, then `value`. */
export function duplicateKeyJson(body: Record<string, unknown>, key: string, value: unknown): string {
  const text = JSON.stringify(body);
  const rest = text.slice(1);
  return `{${JSON.stringify(key)}:${JSON.stringify(body[key] ?? 'x')},${rest.startsWith('}') ? '' : `${rest.slice(0, -1)},`}${JSON.stringify(key)}:${JSON.stringify(value)}}`;
}

export interface RawCase {
  kind: string;
  /** Header lines (without the request line, Host or Connection) and the body. */
  headers: string[];
  body: string;
  /** Replaces the request line when set. */
  requestLine?: string;
  /** Whether Node's parser must refuse it outright (a 4xx), or the app may answer it normally. */
  mustRefuse: boolean;
}

const latin1Garbage = fc.string({ unit: fc.integer({ min: 0, max: 255 }).filter((c) => c !== 10 && c !== 13).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 60 });

/** Requests only a raw socket can send: repeated or conflicting headers, control bytes, oversized heads. */
export const rawHostileCase: fc.Arbitrary<RawCase> = fc.oneof(
  latin1Garbage.map((value) => ({ kind: 'X-Request-Id injection', headers: [`X-Request-Id: ${value}`], body: '', mustRefuse: false })),
  fc.tuple(malformedAuthorization, fc.boolean()).map(([garbage, first]) => ({
    kind: 'repeated Authorization',
    headers: first ? [`Authorization: ${garbage}`, 'Authorization: Bearer dal:also-not-a-token'] : ['Authorization: Bearer dal:not-a-token', `Authorization: ${garbage}`],
    body: '',
    mustRefuse: false,
  })),
  fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 51, max: 99 })).map(([a, b]) => ({
    kind: 'conflicting Content-Length',
    headers: ['Content-Type: application/json', `Content-Length: ${a}`, `Content-Length: ${b}`],
    body: '{}'.padEnd(b, ' '),
    mustRefuse: true,
  })),
  fc.constant<RawCase>({ kind: 'Content-Length with chunked', headers: ['Content-Type: application/json', 'Content-Length: 2', 'Transfer-Encoding: chunked'], body: '2\r\n{}\r\n0\r\n\r\n', mustRefuse: true }),
  fc.integer({ min: 17_000, max: 40_000 }).map((size) => ({ kind: 'oversized header', headers: [`X-Padding: ${'a'.repeat(size)}`], body: '', mustRefuse: true })),
  fc.constantFrom('Bad Name: x', 'X-A\u0001: x', ': empty-name', 'X-Folded: a\r\n  folded').map((line) => ({ kind: 'malformed header line', headers: [line], body: '', mustRefuse: true })),
  fc.constantFrom('GET /v2/accounts HTTP/1.1 extra', 'GET /v2/\u0000 HTTP/1.1', 'GET  HTTP/1.1', 'GET /v2/accounts HTTP/9.9', 'GET /v2/accounts\tHTTP/1.1').map((requestLine) => ({
    kind: 'malformed request line',
    headers: [],
    body: '',
    requestLine,
    mustRefuse: true,
  })),
);
