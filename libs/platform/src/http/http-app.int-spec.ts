import { gzipSync } from 'node:zlib';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '../config/load-config';
import { createLogger } from '../logging/create-logger';
import { expectMatchesErrorEnvelope, expectMatchesSpec } from '../testing/spec-schemas';
import { createHttpApp } from './create-http-app';
import { sendTo, type ReceivedReply, type SentRequest } from './testing-fixtures/http-client';
import { INTERNAL_DETAILS, ProbeModule, probeReadiness } from './testing-fixtures/probe.module';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BODY_LIMIT = 1024;
const validWidget = { name: 'gear', email: 'john@example.com' };

describe('the HTTP application', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    const config = loadConfig({ BODY_LIMIT_BYTES: String(BODY_LIMIT) });
    const logger = createLogger({ level: 'warn', destination: { write: (line: string) => logLines.push(line) } });
    app = await createHttpApp(ProbeModule, config, logger);
    // A real loopback port: Fastify's inject() loads an ES-module-only dependency Jest cannot
    // require on Node 20.
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
  });

  beforeEach(() => {
    logLines.length = 0;
    probeReadiness.healthy = true;
  });

  function send(request: SentRequest): Promise<ReceivedReply> {
    return sendTo(baseUrl, request);
  }

  /** Every error reply: the spec's envelope, and the same request id in body and header. */
  function expectErrorReply(reply: ReceivedReply, status: number, error: string): Record<string, unknown> {
    expect(reply.statusCode).toBe(status);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    const body = reply.json() as Record<string, unknown>;
    expect(body).toMatchObject({ error, error_description: expect.any(String), request_id: expect.stringMatching(UUID) });
    expect(reply.headers['x-request-id']).toBe(body.request_id);
    expectMatchesErrorEnvelope(body);
    return body;
  }

  describe('shape validation', () => {
    it('given a body breaking the DTO, when posted, then 422 invalid_request names each field by its path', async () => {
      const reply = await send({
        method: 'POST',
        url: '/v2/probe/widgets',
        payload: { name: 'a name that is too long', email: 'not-an-email', size: { width: 0 } },
      });

      const body = expectErrorReply(reply, 422, 'invalid_request');
      expect(body.invalid_fields).toEqual({
        name: expect.stringContaining('name'),
        email: expect.stringContaining('email'),
        'size.width': expect.stringContaining('width'),
      });
      expectMatchesSpec(body, '/accounts', 'post', 422);
    });

    it('given a valid body with unknown fields, when posted, then it is accepted as a DTO without them', async () => {
      const reply = await send({ method: 'POST', url: '/v2/probe/widgets', payload: { ...validWidget, unknown: 'dropped' } });

      expect(reply.statusCode).toBe(201);
      expect(reply.json()).toMatchObject({ widget: validWidget, isDto: true });
      expect(reply.json().widget).not.toHaveProperty('unknown');
    });

    it('given plain text where an object belongs, when posted, then 422 names the body', async () => {
      const reply = await send({ method: 'POST', url: '/v2/probe/widgets', headers: { 'content-type': 'text/plain' }, payload: 'plain words' });

      const body = expectErrorReply(reply, 422, 'invalid_request');
      expect(body.invalid_fields).toEqual({ body: 'must be a JSON object' });
    });

    it.each(['null', '[]', '[{"name":"x","email":"a@b.c"}]', '42', '"text"'])('given the JSON %s where an object belongs, when posted, then 422 names the body', async (payload) => {
      const reply = await send({ method: 'POST', url: '/v2/probe/widgets', headers: { 'content-type': 'application/json' }, payload });

      const body = expectErrorReply(reply, 422, 'invalid_request');
      expect(body.invalid_fields).toEqual({ body: 'must be a JSON object' });
    });
  });

  describe('body parsing', () => {
    it('given malformed JSON, when posted, then 400 bad_request', async () => {
      const reply = await send({ method: 'POST', url: '/v2/probe/widgets', headers: { 'content-type': 'application/json' }, payload: '{"name": ' });

      const body = expectErrorReply(reply, 400, 'bad_request');
      expectMatchesSpec(body, '/accounts', 'post', 400);
    });

    it('given a body over the limit, when posted, then 413 bad_request', async () => {
      const reply = await send({ method: 'POST', url: '/v2/probe/widgets', payload: { ...validWidget, padding: 'x'.repeat(BODY_LIMIT) } });

      expectErrorReply(reply, 413, 'bad_request');
    });

    it('given JSON sent as text/plain, when posted, then it is parsed as JSON', async () => {
      const reply = await send({ method: 'POST', url: '/v2/probe/widgets', headers: { 'content-type': 'text/plain;charset=UTF-8' }, payload: JSON.stringify(validWidget) });

      expect(reply.statusCode).toBe(201);
      expect(reply.json().widget).toEqual(validWidget);
    });

    it('given JSON sent without a content type, when posted, then it is parsed as JSON', async () => {
      const reply = await send({ method: 'POST', url: '/v2/probe/widgets', payload: Buffer.from(JSON.stringify(validWidget)) });

      expect(reply.statusCode).toBe(201);
      expect(reply.json().widget).toEqual(validWidget);
    });

    it('given malformed JSON sent as text/plain, when posted, then 400 bad_request', async () => {
      const reply = await send({ method: 'POST', url: '/v2/probe/widgets', headers: { 'content-type': 'text/plain' }, payload: '{"name":' });

      expectErrorReply(reply, 400, 'bad_request');
    });

    it('given a malformed URL, when requested, then 400 bad_request', async () => {
      const reply = await send({ method: 'GET', url: '/v2/probe/widgets/%E0%A4%A' });

      expectErrorReply(reply, 400, 'bad_request');
    });

    it('given an unsupported media type, when posted, then 415 bad_request', async () => {
      const reply = await send({ method: 'POST', url: '/v2/probe/widgets', headers: { 'content-type': 'application/xml' }, payload: '<widget/>' });

      expectErrorReply(reply, 415, 'bad_request');
    });

    it.each(['gzip', 'GZIP', 'identity, gzip', 'br'])('given a body in the content coding %s, when posted, then 415 names the coding accepted and the route never runs', async (coding) => {
      const reply = await send({
        method: 'POST',
        url: '/v2/probe/widgets',
        headers: { 'content-type': 'application/json', 'content-encoding': coding },
        payload: coding.includes('gzip') ? gzipSync(JSON.stringify(validWidget)) : JSON.stringify(validWidget),
      });

      const body = expectErrorReply(reply, 415, 'bad_request');
      expect(body.error_description).toMatch(/Content-Encoding/);
      expect(reply.headers['accept-encoding']).toBe('identity');
      expect(body).not.toHaveProperty('widget');
    });

    it.each(['identity', 'Identity', ''])('given a body in the content coding "%s", when posted, then it is read as sent', async (coding) => {
      const reply = await send({ method: 'POST', url: '/v2/probe/widgets', headers: { 'content-type': 'application/json', 'content-encoding': coding }, payload: validWidget });

      expect(reply.statusCode).toBe(201);
      expect(reply.json()).toMatchObject({ widget: validWidget });
    });

    it('given a request without a body that names a content coding, when sent, then the coding is ignored', async () => {
      const reply = await send({ method: 'GET', url: '/v2/probe/widgets/def31e95-5ca4-4817-b176-732e4544daca', headers: { 'content-encoding': 'gzip' } });

      expectErrorReply(reply, 404, 'resource_not_found');
    });
  });

  describe('not found', () => {
    it.each(['/v2/no-such-route', '/no-such-route'])('given the unknown route %s, when requested, then 404 resource_not_found', async (url) => {
      const reply = await send({ method: 'GET', url });

      const body = expectErrorReply(reply, 404, 'resource_not_found');
      expectMatchesSpec(body, '/accounts/{account_id}', 'get', 404);
    });

    it('given a route throwing NotFoundError, when requested, then 404 names the resource and its id', async () => {
      const id = 'def31e95-5ca4-4817-b176-732e4544daca';

      const reply = await send({ method: 'GET', url: `/v2/probe/widgets/${id}` });

      const body = expectErrorReply(reply, 404, 'resource_not_found');
      expect(body).toMatchObject({ resource_name: 'widget', resource_id: id });
      expectMatchesSpec(body, '/accounts/{account_id}', 'get', 404);
    });

    it('given a route of the API without its prefix, when requested, then 404', async () => {
      const reply = await send({ method: 'GET', url: '/probe/context' });

      expectErrorReply(reply, 404, 'resource_not_found');
    });
  });

  describe('failures', () => {
    it('given a route failing unexpectedly, when requested, then 500 server_error tells nothing of the cause but logs it', async () => {
      const reply = await send({ method: 'GET', url: '/v2/probe/crash' });

      const body = expectErrorReply(reply, 500, 'server_error');
      expectMatchesSpec(body, '/accounts', 'get', 500);
      expect(reply.body).not.toMatch(/postgres|hunter2|db\.internal|query failed/);
      const logged = logLines.join('');
      expect(logged).toContain('query failed');
      expect(logged).toContain(String(body.request_id));
      expect(logged).not.toContain('hunter2');
    });

    it.each(['/v2/probe/database-down', '/v2/probe/event-store-down'])(
      'given %s, when requested, then 503 temporarily_unavailable without internals',
      async (url) => {
        const reply = await send({ method: 'GET', url });

        expectErrorReply(reply, 503, 'temporarily_unavailable');
        expect(reply.body).not.toMatch(/postgres|hunter2|db\.internal|ECONNREFUSED/);
      },
    );

    it('given a route denying access, when requested, then 403 access_denied with sub_error', async () => {
      const reply = await send({ method: 'GET', url: '/v2/probe/forbidden' });

      const body = expectErrorReply(reply, 403, 'access_denied');
      expect(body.sub_error).toBe('insufficient_scope');
      expectMatchesSpec(body, '/accounts', 'get', 403);
    });

    it('given a route reporting a conflict, when requested, then 409 conflict with its description', async () => {
      const reply = await send({ method: 'GET', url: '/v2/probe/conflict' });

      const body = expectErrorReply(reply, 409, 'conflict');
      expect(body.error_description).toBe('The widget already exists.');
      expectMatchesSpec(body, '/accounts', 'post', 409);
    });

    it('given an outage whose error holds credentials, when logged, then the log keeps the cause but not the credentials', async () => {
      await send({ method: 'GET', url: '/v2/probe/database-down' });

      const logged = logLines.join('');
      expect(logged).toContain('"level":"warn"');
      expect(logged).toContain('ECONNREFUSED');
      expect(logged).not.toContain(INTERNAL_DETAILS.split('@')[0]);
    });
  });

  describe('request ids and context', () => {
    it('given a valid incoming X-Request-Id, when answered, then the same id comes back', async () => {
      const incoming = '5903c51b-89f0-41a9-a25d-4f39af100353';

      const success = await send({ method: 'GET', url: '/healthz', headers: { 'x-request-id': incoming } });
      const failure = await send({ method: 'GET', url: '/v2/no-such-route', headers: { 'x-request-id': incoming } });

      expect(success.headers['x-request-id']).toBe(incoming);
      expect(failure.headers['x-request-id']).toBe(incoming);
      expect(failure.json().request_id).toBe(incoming);
    });

    it('given an invalid incoming X-Request-Id, when answered, then a fresh UUID replaces it', async () => {
      const reply = await send({ method: 'GET', url: '/v2/no-such-route', headers: { 'x-request-id': 'abc; drop table' } });

      expect(reply.headers['x-request-id']).toMatch(UUID);
      expect(reply.json().request_id).toBe(reply.headers['x-request-id']);
    });

    it('given two requests without an id, when answered, then each gets its own', async () => {
      const [first, second] = await Promise.all([send({ method: 'GET', url: '/healthz' }), send({ method: 'GET', url: '/healthz' })]);

      expect(first.headers['x-request-id']).toMatch(UUID);
      expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
    });

    it('given a handler reading the request context after an await, when requested, then it sees this request', async () => {
      const reply = await send({ method: 'GET', url: '/v2/probe/context' });

      expect(reply.statusCode).toBe(200);
      expect(reply.json()).toEqual({ requestId: reply.headers['x-request-id'], correlationId: reply.headers['x-request-id'] });
    });

    it('given concurrent posts with bodies, when each handler reads the context, then each sees its own request', async () => {
      const replies = await Promise.all(
        Array.from({ length: 5 }, () => send({ method: 'POST', url: '/v2/probe/widgets', payload: validWidget })),
      );

      for (const reply of replies) expect(reply.json().requestId).toBe(reply.headers['x-request-id']);
    });
  });

  describe('CORS and security headers', () => {
    const origin = 'https://app.example.com';
    const listed = (header: unknown) => String(header).split(/\s*,\s*/);

    it('given a preflight for the API, when answered, then the origin, methods and headers are allowed', async () => {
      const reply = await send({
        method: 'OPTIONS',
        url: '/v2/probe/widgets',
        headers: { origin, 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization,content-type' },
      });

      expect(reply.statusCode).toBe(204);
      expect(reply.headers['access-control-allow-origin']).toBe(origin);
      expect(listed(reply.headers['access-control-allow-methods'])).toEqual(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
      expect(listed(reply.headers['access-control-allow-headers'])).toEqual(['Authorization', 'Content-Type', 'X-Request-Id']);
      expect(reply.headers['access-control-allow-credentials']).toBeUndefined();
      expect(reply.headers['x-request-id']).toMatch(UUID);
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
    });

    it('given a cross-origin API call, when answered, then the request id header is exposed', async () => {
      const reply = await send({ method: 'GET', url: '/v2/probe/context', headers: { origin } });

      expect(reply.headers['access-control-allow-origin']).toBe(origin);
      expect(reply.headers['access-control-expose-headers']).toBe('X-Request-Id');
    });

    it('given a preflight outside the API, when answered, then no CORS is granted', async () => {
      const reply = await send({ method: 'OPTIONS', url: '/healthz', headers: { origin, 'access-control-request-method': 'GET' } });

      expect(reply.headers['access-control-allow-origin']).toBeUndefined();
      expectErrorReply(reply, 404, 'resource_not_found');
    });

    it.each([
      ['a success', '/healthz'],
      ['an unknown route', '/v2/no-such-route'],
      ['a failure', '/v2/probe/crash'],
      ['a malformed URL', '/v2/probe/widgets/%E0%A4%A'],
    ])('given %s, when answered, then the security headers are set', async (_what, url) => {
      const reply = await send({ method: 'GET', url });

      expect(reply.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' });
    });

    it('given a route that sets its own X-Frame-Options, when answered, then its value wins', async () => {
      const reply = await send({ method: 'GET', url: '/v2/probe/frameable' });

      expect(reply.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
    });
  });

  describe('health', () => {
    it('given a running app, when /healthz is asked, then 200 ok', async () => {
      const reply = await send({ method: 'GET', url: '/healthz' });

      expect(reply.statusCode).toBe(200);
      expect(reply.json()).toEqual({ status: 'ok' });
    });

    it('given every check passing, when /readyz is asked, then 200 ready with each check', async () => {
      const reply = await send({ method: 'GET', url: '/readyz' });

      expect(reply.statusCode).toBe(200);
      expect(reply.json()).toEqual({ status: 'ready', checks: { probe: { ok: true, detail: { healthy: true } } } });
    });

    it('given a failing check, when /readyz is asked, then 503 unavailable naming it', async () => {
      probeReadiness.healthy = false;

      const reply = await send({ method: 'GET', url: '/readyz' });

      expect(reply.statusCode).toBe(503);
      expect(reply.json()).toEqual({ status: 'unavailable', checks: { probe: { ok: false, detail: { healthy: false } } } });
    });

    it('given the health routes, when asked under /v2, then they are not there', async () => {
      const reply = await send({ method: 'GET', url: '/v2/healthz' });

      expect(reply.statusCode).toBe(404);
    });
  });
});
