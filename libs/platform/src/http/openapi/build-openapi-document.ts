import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject, type OperationObject, type SecurityRequirementObject } from '@nestjs/swagger';
import { ERROR_SCHEMA, ERROR_SCHEMA_NAME, errorReply, errorResponsesFor } from './error-responses';
import type { OpenApiSource, RouteNote } from './openapi-source';
import { readRouteAccess, type RouteAccess } from './route-access';

export const OPENAPI_DOCUMENT_PATH = '/v2/openapi.json';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;
type Method = (typeof METHODS)[number];

/**
 * Vendor extensions on every operation: what the credential guard really enforces. The
 * contract's own `security` lists stay as written, even where the service is stricter or looser.
 */
export interface AccessExtensions {
  'x-credential': RouteAccess['credential'];
  'x-required-scopes': readonly string[];
}

/** An operation of the contract that no route serves; the completeness test refuses any. */
export const NOT_IMPLEMENTED = 'x-not-implemented';

/**
 * The OpenAPI document of every route the app serves. A route the contract describes is published
 * with the contract's operation unchanged (plus the access extensions); any other route is
 * described from Nest's route metadata, with its access and the platform's error replies. Paths
 * are absolute (`/v2/...`, `/token`, `/`), since the service also serves pages outside /v2.
 */
export function buildOpenApiDocument(app: INestApplication, source: OpenApiSource): OpenAPIObject {
  const scanned = SwaggerModule.createDocument(app, new DocumentBuilder().build(), {
    operationIdFactory: (controller, method) => `${controller}.${method}`,
    autoTagControllers: false,
  });
  const access = readRouteAccess(app, { scopes: source.scopesMetadataKey, optionalCredential: source.optionalCredentialMetadataKey });
  const { contract, contractPrefix } = source;
  const document: OpenAPIObject = {
    openapi: contract.openapi,
    info: { ...contract.info, description: `${contract.info.description ?? ''}\n\nServed by this deployment: paths are absolute.`.trim() },
    servers: [{ url: '/' }],
    paths: {},
    components: {
      ...contract.components,
      // The DTO schemas Nest found come along: the described routes refer to them.
      schemas: { ...scanned.components?.schemas, ...contract.components?.schemas, [ERROR_SCHEMA_NAME]: ERROR_SCHEMA },
    },
  };
  const usedIds = new Set<string>();
  for (const [path, item] of Object.entries(scanned.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      // A handler served at several paths comes back as `Controller.method[i]`.
      const handlerId = (operation.operationId ?? '').replace(/\[\d+\]$/, '');
      const routeAccess = access.get(handlerId) ?? { credential: 'required', scopes: [] };
      const written = contractOperation(contract, contractPrefix, path, method);
      const published = written
        ? { ...structuredClone(written), ...extensions(routeAccess) }
        : describeRoute(operation, routeAccess, method, path, source, source.notes?.[handlerId], uniqueId(handlerId || `${method} ${path}`, usedIds));
      document.paths[path] = { ...document.paths[path], [method]: published };
    }
  }
  for (const [path, item] of Object.entries(contract.paths)) {
    for (const method of METHODS) {
      const written = item[method];
      const absolute = `${contractPrefix}${path}`;
      if (written && !document.paths[absolute]?.[method]) {
        document.paths[absolute] = { ...document.paths[absolute], [method]: { ...structuredClone(written), [NOT_IMPLEMENTED]: true } };
      }
    }
  }
  document.paths[OPENAPI_DOCUMENT_PATH] = {
    get: {
      operationId: 'openapi',
      summary: 'This document',
      security: [],
      responses: {
        '200': { description: 'The OpenAPI document of this deployment.', content: { 'application/json': {} } },
        ...errorResponsesFor({ credential: 'none', scoped: false, hasPathParameters: false, hasBody: false }),
      },
      ...extensions({ credential: 'none', scopes: [] }),
    },
  };
  return document;
}

function contractOperation(contract: OpenAPIObject, prefix: string, path: string, method: Method): OperationObject | undefined {
  if (!path.startsWith(`${prefix}/`)) return undefined;
  return contract.paths[path.slice(prefix.length)]?.[method];
}

function extensions(access: RouteAccess): AccessExtensions {
  return { 'x-credential': access.credential, 'x-required-scopes': [...access.scopes] };
}

/** A route the contract does not cover: Nest's description, with its access and error replies. */
function describeRoute(
  operation: OperationObject,
  access: RouteAccess,
  method: Method,
  path: string,
  { contract, contractPrefix }: OpenApiSource,
  note: RouteNote | undefined,
  operationId: string,
): OperationObject {
  const parameters = (operation.parameters ?? []) as { in?: string }[];
  const hasBody = ['post', 'put', 'patch'].includes(method);
  // Pages (outside the contract's prefix) answer errors in HTML; the API in the error envelope.
  const isApi = path.startsWith(`${contractPrefix}/`);
  const replies = note?.responses
    ? Object.fromEntries(Object.entries(note.responses).map(([status, description]) => [status, Number(status) >= 400 && isApi ? errorReply(description) : { description }]))
    : operation.responses;
  return {
    ...operation,
    operationId,
    ...(note ? { summary: note.summary, ...(note.description ? { description: note.description } : {}) } : {}),
    security: securityFor(access, contract),
    responses: {
      ...errorResponsesFor({
        credential: access.credential,
        scoped: access.scopes.length > 0,
        hasPathParameters: parameters.some((p) => p.in === 'path'),
        hasBody,
      }),
      // The handler's own replies win over the generic ones.
      ...replies,
    },
    ...extensions(access),
  };
}

/** Every credential scheme of the contract; OAuth2 schemes carry the scopes (any one suffices). */
function securityFor(access: RouteAccess, contract: OpenAPIObject): SecurityRequirementObject[] {
  if (access.credential === 'none') return [];
  const schemes = Object.entries(contract.components?.securitySchemes ?? {}).map(([name, scheme]) => ({
    [name]: 'type' in scheme && scheme.type === 'oauth2' ? [...access.scopes] : [],
  }));
  return access.credential === 'optional' ? [{}, ...schemes] : schemes;
}

/** A handler served at several paths gets one operation id per path. */
function uniqueId(id: string, used: Set<string>): string {
  let candidate = id;
  for (let n = 2; used.has(candidate); n++) candidate = `${id}_${n}`;
  used.add(candidate);
  return candidate;
}
