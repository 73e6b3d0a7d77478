import { expectMatchesErrorEnvelope } from '../../../libs/platform/src/testing/spec-schemas';
import type { Operation, Targets } from './operation-catalogue';

export interface HostileReply {
  status: number;
  contentType: string;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- checked against the envelope schema
  json: any;
  headers: Headers;
}

export interface HostileRequest {
  path: string;
  headers?: Record<string, string>;
  /** The body exactly as sent. */
  body?: string | Buffer;
  contentType?: string;
}

/** No reply may take longer than this: a hang is a failure, not a slow pass. */
export const REPLY_DEADLINE_MS = 15_000;

export async function send(baseUrl: string, method: string, request: HostileRequest): Promise<HostileReply> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.contentType !== undefined) headers['content-type'] = request.contentType;
  const response = await fetch(`${baseUrl}${request.path}`, {
    method,
    headers,
    body: request.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(REPLY_DEADLINE_MS),
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  let json: unknown;
  if (contentType.includes('json') && text) json = JSON.parse(text);
  return { status: response.status, contentType, text, json, headers: response.headers };
}

/** A valid request's body, as JSON text (or a form for the browser pages). */
export function encodeBody(op: Operation, body: unknown): Pick<HostileRequest, 'body' | 'contentType'> {
  if (op.access === 'page') return { body: new URLSearchParams(body as Record<string, string>).toString(), contentType: 'application/x-www-form-urlencoded' };
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

export function validBody(op: Operation, targets: Targets): unknown {
  return op.body?.(targets);
}

/** A client error in the spec's envelope, with its request id in the body and the header. */
export function expectRefusedInEnvelope(reply: HostileReply, what: string, htmlAllowed = false): void {
  if (reply.status < 400 || reply.status >= 500) throw new Error(`${what}: expected a 4xx, got ${reply.status} ${reply.text.slice(0, 300)}`);
  // The browser pages (and the documentation) answer their own errors as a page; anything JSON is in the envelope.
  if (htmlAllowed && !reply.contentType.startsWith('application/json')) return;
  if (!reply.contentType.startsWith('application/json')) throw new Error(`${what}: a ${reply.status} that is not JSON (${reply.contentType}): ${reply.text.slice(0, 200)}`);
  expectMatchesErrorEnvelope(reply.json);
  expect(reply.headers.get('x-request-id')).toBe(reply.json.request_id);
}

/**
 * Never a server error. A browser page may answer 2xx, 3xx or 4xx in HTML; any JSON error
 * (the API's, or a page's) is in the envelope.
 */
export function expectNoServerError(reply: HostileReply, what: string): void {
  if (reply.status >= 500 || reply.status < 200) throw new Error(`${what}: got ${reply.status} ${reply.text.slice(0, 300)}`);
  if (reply.status >= 400 && reply.contentType.startsWith('application/json')) {
    expectMatchesErrorEnvelope(reply.json);
    expect(reply.headers.get('x-request-id')).toBe(reply.json.request_id);
  }
  for (const header of ['location', 'set-cookie']) {
    if (/[\r\n]/.test(reply.headers.get(header) ?? '')) throw new Error(`${what}: ${header} carries a line break`);
  }
}
