import { expectMatchesErrorEnvelope, expectMatchesSpec } from '../../libs/platform/src/testing/spec-schemas';
import type { ApiResponse } from './test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An error reply: its status and code, the request id in body and header, and the spec's schema for it (or the common envelope). */
export function expectError(reply: ApiResponse, status: number, error: string, spec?: [path: string, method: string]): void {
  expect({ status: reply.status, error: reply.body?.error }).toEqual({ status, error });
  expect(reply.body.request_id).toMatch(UUID);
  expect(reply.headers.get('x-request-id')).toBe(reply.body.request_id);
  if (spec) expectMatchesSpec(reply.body, spec[0], spec[1], status);
  else expectMatchesErrorEnvelope(reply.body);
}

export function expectInsufficientScope(reply: ApiResponse, spec?: [path: string, method: string]): void {
  expectError(reply, 403, 'access_denied', spec);
  expect(reply.body.sub_error).toBe('insufficient_scope');
}
