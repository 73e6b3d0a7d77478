import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { expectMatchesErrorEnvelope } from '../../libs/platform/src/testing/spec-schemas';
import { TestApp, type SignedUp } from '../support/test-app';
import {
  compressedAs,
  contentCoding,
  duplicateKeyJson,
  hostileText,
  invalidId,
  malformedAuthorization,
  malformedJson,
  nonObjectJson,
  pathSegment,
  rawHostileCase,
  type RawCase,
  withField,
  wrongContentType,
  wrongType,
} from './support/hostile-arbitraries';
import { encodeBody, expectNoServerError, expectRefusedInEnvelope, send, type HostileRequest } from './support/hostile-client';
import { OPERATIONS, type Operation, type Targets } from './support/operation-catalogue';
import { rawRequest } from './support/raw-http';
import { registeredRoutes } from './support/registered-routes';
import { worldDigest } from './support/world-digest';
import { describeStoreIndependent } from '../support/store-independent';

/**
 * Property-based hostile input over every operation. Each case takes a request the operation
 * would accept and breaks one thing: the credential, the path id, one field's type, the JSON
 * itself, a repeated key, the media type, the size. Every such request must be refused with a
 * 4xx in the spec's envelope (never a 5xx, never a hang), and the event log and every table must
 * be exactly as before. A second kind of case puts arbitrary text (injections, unicode edge
 * cases, huge strings) where text is legal: it may succeed, but never with a server error.
 * HOSTILE_RUNS sets the runs per operation and kind (default 12); FC_SEED replays a failure.
 */
const RUNS = Number(process.env.HOSTILE_RUNS ?? 12);
const BODY_LIMIT = 16_384;
if (process.env.FC_SEED) fc.configureGlobal({ seed: Number(process.env.FC_SEED) });

type Build = (op: Operation, t: Targets, valid: Record<string, string>) => fc.Arbitrary<HostileRequest> | undefined;

const jsonBodyOps = (op: Operation) => op.body !== undefined && op.access !== 'page';
const objectBody = (op: Operation, t: Targets) => op.body?.(t) as Record<string, unknown>;

/** What breaks the request, and for which operations it applies (undefined: not applicable). */
const REFUSALS: Record<string, Build> = {
  'malformed Authorization': (op, t) => {
    const readsAuthorization = op.access === 'credential' || ['POST /v2/organizations', 'POST /v2/token', 'DELETE /v2/token', 'GET /v2/info'].includes(op.route);
    if (!readsAuthorization) return undefined;
    return malformedAuthorization.map((authorization) => ({ path: op.path(t), headers: { authorization }, ...(op.body ? encodeBody(op, op.body(t)) : {}) }));
  },
  'invalid path id': (op, t, valid) => {
    if (!op.withId) return undefined;
    return invalidId.map((id) => ({ path: op.withId!(pathSegment(id)), headers: valid, ...(op.body ? encodeBody(op, op.body(t)) : {}) }));
  },
  'mistyped field': (op, t, valid) => {
    if (!op.fields || !jsonBodyOps(op)) return undefined;
    const fields = Object.entries(op.fields);
    return fc
      .constantFrom(...fields)
      .chain(([field, type]) => wrongType(type).map((value) => withField(op.body!(t), field, value)))
      .map((body) => ({ path: op.path(t), headers: valid, ...encodeBody(op, body) }));
  },
  'body not an object': (op, t, valid) => {
    if (!jsonBodyOps(op) || Array.isArray(op.body!(t))) return undefined;
    return nonObjectJson.map((body) => ({ path: op.path(t), headers: valid, body: JSON.stringify(body), contentType: 'application/json' }));
  },
  'malformed JSON': (op, t, valid) => {
    if (!jsonBodyOps(op)) return undefined;
    return fc
      .tuple(malformedJson(op.body!(t)), fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain'))
      .map(([body, contentType]) => ({ path: op.path(t), headers: valid, body, contentType }));
  },
  'duplicate keys': (op, t, valid) => {
    if (!jsonBodyOps(op) || !op.fields || Array.isArray(op.body!(t))) return undefined;
    const topLevel = Object.entries(op.fields).filter(([field]) => !field.includes('.'));
    const repeated = fc.constantFrom(...topLevel).chain(([field, type]) => wrongType(type).map((value) => duplicateKeyJson(objectBody(op, t), field, value)));
    // Prototype poisoning through a key JSON allows but JavaScript objects treat specially.
    const poisoned = fc.constantFrom('__proto__', 'constructor').map((key) => `{"${key}":{"prototype":{"polluted":true},"polluted":true},${JSON.stringify(objectBody(op, t)).slice(1)}`);
    return fc.oneof(repeated, poisoned).map((body) => ({ path: op.path(t), headers: valid, body, contentType: 'application/json' }));
  },
  'wrong Content-Type': (op, t, valid) => {
    if (!op.body || op.route === 'POST /v2/token') return undefined;
    return wrongContentType.map((contentType) => ({ path: op.path(t), headers: valid, body: encodeBody(op, op.body!(t)).body, contentType }));
  },
  // A valid body that says it is compressed (and mostly is): read as sent, it would be taken for what it is not.
  'encoded body': (op, t, valid) => {
    if (!op.body) return undefined;
    const plain = encodeBody(op, op.body(t));
    return contentCoding.map((coding) => ({ path: op.path(t), headers: { ...valid, 'content-encoding': coding }, body: compressedAs(coding, plain.body as string), contentType: plain.contentType }));
  },
  'oversized body': (op, t, valid) => {
    if (!op.body || Array.isArray(op.body(t))) return undefined;
    return fc.integer({ min: BODY_LIMIT + 1, max: BODY_LIMIT * 4 }).map((size) => {
      const body = { ...objectBody(op, t), padding: 'x'.repeat(size) };
      return { path: op.path(t), headers: valid, ...encodeBody(op, body) };
    });
  },
};

/** Arbitrary text where text is legal: may succeed, never a server error. */
const ARBITRARY_TEXT: Record<string, Build> = {
  'arbitrary text in a field': (op, t, valid) => {
    if (!op.textFields || !op.safeToSucceed) return undefined;
    return fc
      .tuple(fc.constantFrom(...op.textFields), hostileText)
      .map(([field, value]) => ({ path: op.path(t), headers: valid, ...encodeBody(op, withField(op.body!(t), field, value)) }));
  },
  // null is what JSON clients send for "nothing": an optional field may take it as absent, or refuse it, but never crash.
  'null in a field': (op, t, valid) => {
    if (!op.fields || !jsonBodyOps(op)) return undefined;
    return fc.constantFrom(...Object.keys(op.fields)).map((field) => ({ path: op.path(t), headers: valid, ...encodeBody(op, withField(op.body!(t), field, null)) }));
  },
  'arbitrary query parameters': (op, t, valid) => {
    if (!op.queryParams) return undefined;
    const params = fc.dictionary(fc.constantFrom(...op.queryParams), hostileText, { minKeys: 1, maxKeys: op.queryParams.length });
    // Half the time around a real client, so the authorize checks past the client lookup run too.
    const base = fc.constantFrom<Record<string, string>>({}, { response_type: 'token', client_id: t.clientId, redirect_uri: 'https://app.example.com/cb' });
    return fc.tuple(base, params).map(([fixed, random]) => ({
      path: `${op.path(t)}?${new URLSearchParams(Object.entries({ ...fixed, ...random }).map(([k, v]): [string, string] => [k, v.replace(/[\ud800-\udfff]/g, '?')]))}`,
      headers: valid,
    }));
  },
};

/** Placeholder targets: enough to tell which kinds apply to which operation before the app exists. */
const PLACEHOLDER: Targets = { memberId: randomUUID(), organizationId: randomUUID(), roleId: randomUUID(), patId: randomUUID(), clientId: '0'.repeat(32), sessionId: randomUUID() };
const kindsFor = (op: Operation, builds: Record<string, Build>) => Object.keys(builds).filter((kind) => builds[kind](op, PLACEHOLDER, {}) !== undefined);
const casesOf = (builds: Record<string, Build>) =>
  OPERATIONS.map((op) => ({ op, kinds: kindsFor(op, builds) }))
    .filter(({ kinds }) => kinds.length > 0)
    .map(({ op, kinds }) => ({ label: `${op.route} (${kinds.join(', ')})`, op, kinds }));

/** One property per operation over all the kinds that apply to it, RUNS cases per kind. */
function perKind(builds: Record<string, Build>, op: Operation, kinds: string[], targets: Targets, valid: Record<string, string>) {
  return fc.oneof(...kinds.map((kind) => builds[kind](op, targets, valid)!.map((request) => ({ kind, request }))));
}

describeStoreIndependent('hostile input: every operation refuses broken requests with a 4xx in the envelope and writes nothing', () => {
  let api: TestApp;
  let owner: SignedUp;
  let targets: Targets;
  const counts = new Map<string, number>();
  const count = (kind: string) => counts.set(kind, (counts.get(kind) ?? 0) + 1);

  beforeAll(async () => {
    api = await TestApp.start({ BODY_LIMIT_BYTES: String(BODY_LIMIT) });
    owner = await api.signUp();
    const member = await api.addAccount(owner);
    const role = await api.request('POST', '/roles', { headers: owner.bearer, body: { role: 'hostile-target', product: 'LiveChat', scope: 'accounts--my:ro' } });
    const pat = await api.request('POST', '/personal_access_tokens', { headers: owner.bearer, body: { name: 'target', scopes: ['accounts--my:ro'] } });
    const client = await api.request('POST', '/clients', {
      headers: owner.bearer,
      body: { name: 'Target app', type: 'javascript_app', redirect_uri: 'https://app.example.com/cb', scopes: ['accounts--my:ro'] },
    });
    if (role.status !== 201 || pat.status !== 201 || client.status !== 201) throw new Error('setting up the targets failed');
    targets = { memberId: member.accountId, organizationId: owner.organizationId, roleId: role.body.role_id, patId: pat.body.pat_id, clientId: client.body.client_id, sessionId: randomUUID() };
  }, 180_000);
  afterAll(async () => {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    console.info(`hostile input: ${total} requests (${RUNS} runs per operation and kind): ${JSON.stringify(Object.fromEntries(counts))}`);
    await api?.stop();
  });

  it('knows every route the app serves', () => {
    const known = new Set(OPERATIONS.map((op) => op.route));
    expect(registeredRoutes(api.app).filter((route) => !known.has(route))).toEqual([]);
  });

  const validHeaders = (op: Operation) => (op.access === 'credential' ? owner.bearer : {});

  it.each(casesOf(REFUSALS))('$label', async ({ op, kinds }) => {
    const before = await worldDigest(api.runtime.database.sql);
    await fc.assert(
      fc.asyncProperty(perKind(REFUSALS, op, kinds, targets, validHeaders(op)), async ({ kind, request }) => {
        count(kind);
        const reply = await send(api.baseUrl, op.method, request);
        expectRefusedInEnvelope(reply, `${op.method} ${request.path.slice(0, 200)}`, op.access === 'page');
      }),
      { numRuns: RUNS * kinds.length },
    );
    expect(await worldDigest(api.runtime.database.sql)).toEqual(before);
  });

  it.each(casesOf(ARBITRARY_TEXT))('$label', async ({ op, kinds }) => {
    await fc.assert(
      fc.asyncProperty(perKind(ARBITRARY_TEXT, op, kinds, targets, validHeaders(op)), async ({ kind, request }) => {
        count(kind);
        expectNoServerError(await send(api.baseUrl, op.method, request), `${op.method} ${request.path.slice(0, 200)}`);
      }),
      { numRuns: RUNS * kinds.length },
    );
    // The credential the cases used still works: no hostile request took it away.
    expect((await api.request('GET', '/accounts/me', { headers: owner.bearer })).status).toBe(200);
  });

  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  /** Sends one raw case to one operation and checks what holds for every such reply. */
  async function sendRaw(op: Operation, raw: RawCase): Promise<void> {
    count(`raw: ${raw.kind}`);
    const requestLine = raw.requestLine ?? `${op.method} ${op.path(targets)} HTTP/1.1`;
    // Only the head is hostile: an operation that takes a body gets its valid one.
    const valid = raw.body === '' && op.body ? encodeBody(op, op.body(targets)) : undefined;
    const bodyHeaders = valid ? [`Content-Type: ${valid.contentType}`, `Content-Length: ${Buffer.byteLength(valid.body as string)}`] : [];
    const head = [requestLine, 'Host: 127.0.0.1', 'Connection: close', ...bodyHeaders, ...raw.headers].join('\r\n');
    const bytes = Buffer.concat([Buffer.from(`${head}\r\n\r\n${raw.body}`, 'latin1'), Buffer.from((valid?.body as string) ?? '', 'utf8')]);
    const reply = await rawRequest(api.baseUrl, bytes);
    const what = `${raw.kind} on ${op.route}`;
    if (reply.status === 0 || reply.status >= 500) throw new Error(`${what}: got ${reply.status} ${reply.raw.slice(0, 300)}`);
    if (raw.mustRefuse && (reply.status < 400 || reply.status >= 500)) throw new Error(`${what}: expected a 4xx, got ${reply.status}`);
    // Whatever a client sends as X-Request-Id, the reply carries a UUID: nothing it sent is echoed into a header.
    expect(reply.headers['x-request-id']?.[0]).toMatch(UUID);
    if (reply.status >= 400 && reply.headers['content-type']?.[0]?.startsWith('application/json')) expectMatchesErrorEnvelope(JSON.parse(reply.body));
  }

  it('refuses heads only a raw socket can send (conflicting lengths, oversized, malformed) with a 4xx in the envelope, writing nothing', async () => {
    const before = await worldDigest(api.runtime.database.sql);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...OPERATIONS), rawHostileCase.filter((raw) => raw.mustRefuse), (op, raw) => sendRaw(op, raw)),
      { numRuns: RUNS * 5 },
    );
    expect(await worldDigest(api.runtime.database.sql)).toEqual(before);
  });

  it('answers repeated Authorization headers and hostile X-Request-Id values without a server error, never echoing them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...OPERATIONS), rawHostileCase.filter((raw) => !raw.mustRefuse), (op, raw) => sendRaw(op, raw)),
      { numRuns: RUNS * 3 },
    );
  });
});
