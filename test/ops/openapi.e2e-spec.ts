import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { listServedRoutes, NOT_IMPLEMENTED } from '@app/platform';
import { findContractFile } from '../../apps/api/src/openapi/contract';
import { TestApp } from '../support/test-app';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- documents are checked field by field
type Json = any;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Routes that are the documentation itself (Swagger UI's page and assets) or Fastify's automatic ones. */
function isDocumentable({ method, url }: { method: string; url: string }): boolean {
  return method !== 'HEAD' && method !== 'OPTIONS' && url !== '/docs' && !url.startsWith('/docs/');
}

const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** The operation without vendor extensions, as plain data of this realm (fetch's objects come from another). */
function withoutExtensions(operation: Json): Json {
  return JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(operation).filter(([key]) => !key.startsWith('x-')))));
}

describe('GET /v2/openapi.json and /docs', () => {
  let app: TestApp;
  let document: Json;
  const contract: Json = JSON.parse(readFileSync(findContractFile(), 'utf8'));

  beforeAll(async () => {
    app = await TestApp.start();
    const response = await fetch(`${app.baseUrl}/v2/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    document = await response.json();
  });

  afterAll(async () => {
    await app.stop();
  });

  it('given every route the app serves, when the document is read, then each has an operation with a summary, its access and error replies', () => {
    const served = listServedRoutes(app.app).filter(isDocumentable);
    expect(served.length).toBeGreaterThan(40);

    const undocumented: string[] = [];
    const withoutErrorReplies: string[] = [];
    for (const route of served) {
      const name = `${route.method} ${route.url}`;
      const operation = document.paths[toOpenApiPath(route.url)]?.[route.method.toLowerCase()];
      if (!operation?.summary || !operation['x-credential'] || !Array.isArray(operation['x-required-scopes'])) {
        undocumented.push(name);
        continue;
      }
      const statuses = Object.keys(operation.responses);
      const expected = [...(operation['x-credential'] === 'required' ? ['401'] : []), ...(operation['x-required-scopes'].length ? ['403'] : [])];
      if (!statuses.some((status) => Number(status) >= 400) || expected.some((status) => !statuses.includes(status))) withoutErrorReplies.push(name);
    }
    expect(undocumented).toEqual([]);
    expect(withoutErrorReplies).toEqual([]);
  });

  it('given the document, when its operations are listed, then none describes a route the app does not serve', () => {
    const served = new Set(listServedRoutes(app.app).map((r) => `${r.method.toLowerCase()} ${toOpenApiPath(r.url)}`));
    for (const [path, item] of Object.entries<Json>(document.paths)) {
      for (const method of METHODS) if (item[method]) expect(served).toContain(`${method} ${path}`);
    }
  });

  it('given every operation of the contract, when the document is read, then it is there, implemented, exactly as the contract writes it', () => {
    const prefix = new URL(contract.servers[0].url).pathname;
    let count = 0;
    for (const [path, item] of Object.entries<Json>(contract.paths)) {
      for (const method of METHODS) {
        if (!item[method]) continue;
        count++;
        const published = document.paths[`${prefix}${path}`]?.[method];
        expect({ operation: `${method} ${path}`, present: !!published, implemented: !published?.[NOT_IMPLEMENTED] }).toEqual({
          operation: `${method} ${path}`,
          present: true,
          implemented: true,
        });
        expect({ operation: `${method} ${path}`, asWritten: isDeepStrictEqual(withoutExtensions(published), item[method]) }).toEqual({
          operation: `${method} ${path}`,
          asWritten: true,
        });
      }
    }
    expect(count).toBe(18);
  });

  it('given the guard metadata, when published, then each operation carries the scopes the route really requires', () => {
    expect(document.paths['/v2/accounts/{account_id}'].get).toMatchObject({ 'x-credential': 'required', 'x-required-scopes': ['accounts--my:ro'] });
    expect(document.paths['/v2/accounts'].post['x-required-scopes']).toEqual(['accounts--all:rw', 'accounts--all:rc']);
    expect(document.paths['/v2/organizations'].post['x-credential']).toBe('optional');
    expect(document.paths['/v2/clients'].get).toMatchObject({
      'x-required-scopes': ['organization--my:rw'],
      security: [{ 'Personal Access Token': [] }, { 'OAuth2 Bearer Token': ['organization--my:rw'] }],
    });
    expect(document.paths['/healthz'].get).toMatchObject({ 'x-credential': 'none', security: [] });
    expect(document.paths['/signin'].post.responses).toHaveProperty('429');
  });

  it('given the document, when checked for consistency, then operation ids are unique and every reference resolves', () => {
    const ids: string[] = [];
    for (const item of Object.values<Json>(document.paths)) for (const method of METHODS) if (item[method]?.operationId) ids.push(item[method].operationId);
    expect(new Set(ids).size).toBe(ids.length);

    const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) {
      const name = /#\/components\/schemas\/([^"]+)/.exec(ref)?.[1];
      expect({ ref, resolves: !!name && !!document.components.schemas[name] }).toEqual({ ref, resolves: true });
    }
    expect(document).toMatchObject({ openapi: contract.openapi, info: { title: contract.info.title, version: contract.info.version } });
  });

  it('given a browser, when it opens /docs, then Swagger UI loads this document', async () => {
    const page = await fetch(`${app.baseUrl}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('swagger-ui');

    const init = await (await fetch(`${app.baseUrl}/docs/swagger-ui-init.js`)).text();
    expect(init).toContain('"/v2/openapi.json"');
    const bundle = await fetch(`${app.baseUrl}/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/^application\/javascript/);
    // Only the page's own assets: nothing else of the package folder.
    const other = await fetch(`${app.baseUrl}/docs/package.json`);
    expect(other.status).toBe(404);
    // Answered like any unknown route: the error envelope.
    expect(((await other.json()) as { error: string }).error).toBe('resource_not_found');
    // Names every object has (its prototype's) are not assets either.
    for (const name of ['valueOf', 'constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      const inherited = await fetch(`${app.baseUrl}/docs/${name}`);
      expect({ name, status: inherited.status }).toEqual({ name, status: 404 });
      expect(((await inherited.json()) as { error: string }).error).toBe('resource_not_found');
    }
  });
});
