import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { load } from 'js-yaml';

/**
 * Response schemas of the Global Accounts API spec, compiled for checking reply bodies in tests.
 * The spec is OpenAPI 3.0: `nullable` and boolean `exclusiveMaximum`/`exclusiveMinimum` are
 * rewritten into JSON Schema, and annotation keywords (`example`, `readOnly`, ...) are ignored.
 * The spec's documented quirks (SPEC_QUIRKS) are applied on top; nothing else is relaxed.
 */

const SPEC_FILE = path.join('shared', 'spec', 'global-accounts-api.v2.yml');

type Schema = Record<string, unknown>;
interface SpecDocument {
  readonly paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
}

/** SPEC_PATH if set, else shared/spec/ next to (or inside) the nearest folder above the working directory. */
export function findSpecPath(): string {
  if (process.env.SPEC_PATH) return process.env.SPEC_PATH;
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, '..', SPEC_FILE), path.join(dir, SPEC_FILE)]) {
      if (existsSync(candidate)) return candidate;
    }
    if (path.dirname(dir) === dir) break;
  }
  const besideRepository = path.resolve(__dirname, '../../../../..', SPEC_FILE);
  if (existsSync(besideRepository)) return besideRepository;
  throw new Error(`Cannot find ${SPEC_FILE}: set SPEC_PATH`);
}

let spec: SpecDocument | undefined;
let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function loadSpec(): SpecDocument {
  spec ??= load(readFileSync(findSpecPath(), 'utf8')) as SpecDocument;
  return spec;
}

function validator(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    // OpenAPI's numeric formats beyond ajv-formats' int32/int64/float/double.
    ajv.addFormat('uint64', { type: 'number', validate: (value: number) => Number.isSafeInteger(value) && value >= 0 });
  }
  return ajv;
}

/** A JSON Schema copy of an OpenAPI 3.0 schema (the YAML's anchors share objects: never mutate them). */
export function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (value === null || typeof value !== 'object') return value;
  const schema: Schema = {};
  for (const [key, item] of Object.entries(value)) schema[key] = toJsonSchema(item);
  for (const bound of ['Maximum', 'Minimum'] as const) {
    const exclusive = schema[`exclusive${bound}`];
    if (typeof exclusive !== 'boolean') continue;
    delete schema[`exclusive${bound}`];
    const limit = bound.toLowerCase();
    if (exclusive && typeof schema[limit] === 'number') {
      schema[`exclusive${bound}`] = schema[limit];
      delete schema[limit];
    }
  }
  if (schema.nullable === true) return nullable(schema);
  return schema;
}

function nullable(schema: Schema): Schema {
  const { nullable: _nullable, ...rest } = schema;
  if (typeof rest.type === 'string') {
    const withNull: Schema = { ...rest, type: [rest.type, 'null'] };
    if (Array.isArray(rest.enum)) withNull.enum = [...rest.enum, null];
    return withNull;
  }
  return { anyOf: [rest, { type: 'null' }] };
}

/**
 * Where the spec contradicts itself and real clients side with its prose or examples. Each one is
 * documented in shared/docs/compat.md, and spec-schemas.spec.ts checks these are the only changes
 * made to the spec. Each applies to every copy of the schema it names (found by its description).
 */
export const SPEC_QUIRKS = [
  {
    // compat.md, "Spec quirks to honour": 401 bodies use `error: "unauthorized"`. The error enum of
    // the "Default error object" lacks it, although it is that schema's own example for 401.
    schema: 'Default error object',
    property: 'error',
    change: 'adds "unauthorized" to the enum',
    apply: (property: Schema): Schema =>
      Array.isArray(property.enum) && !property.enum.includes('unauthorized') ? { ...property, enum: [...property.enum, 'unauthorized'] } : property,
  },
  {
    // compat.md, "Roles and scopes": custom roles (type `custom`) carry their own names, as the
    // spec's own description of `role` says ("or a custom name for a custom role"); its enum lists
    // the predefined names only. Any string is accepted, whatever the type: the enum is dropped.
    schema: 'Role groups account scopes into one permission entity.',
    property: 'role',
    change: 'drops the enum (any string)',
    apply: ({ enum: _enum, ...property }: Schema): Schema => property,
  },
] as const;

/** A copy of a JSON Schema (from toJsonSchema) with SPEC_QUIRKS applied wherever their schemas occur. */
export function withSpecQuirks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withSpecQuirks);
  if (value === null || typeof value !== 'object') return value;
  const schema: Schema = {};
  for (const [key, item] of Object.entries(value)) schema[key] = withSpecQuirks(item);
  for (const quirk of SPEC_QUIRKS) {
    const properties = schema.properties as Record<string, Schema> | undefined;
    if (schema.description !== quirk.schema || !properties?.[quirk.property]) continue;
    schema.properties = { ...properties, [quirk.property]: quirk.apply(properties[quirk.property]) };
  }
  return schema;
}

/** The schema of a documented response; `specPath` as in the spec, without /v2 ("/accounts/{account_id}"). */
export function responseSchema(specPath: string, method: string, status: number | string): Schema {
  const schema = loadSpec().paths[specPath]?.[method.toLowerCase()]?.responses?.[String(status)]?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`The spec documents no JSON response for ${method.toUpperCase()} ${specPath} ${status}`);
  return withSpecQuirks(toJsonSchema(schema)) as Schema;
}

/** The spec's "Default error object": the envelope every error reply shares, whatever its status. */
export function errorEnvelopeSchema(): Schema {
  const found = findByDescription(loadSpec(), 'Default error object', new Set());
  if (!found) throw new Error('The spec has no "Default error object" schema');
  return withSpecQuirks(toJsonSchema(found)) as Schema;
}

function findByDescription(value: unknown, description: string, seen: Set<unknown>): Schema | undefined {
  if (value === null || typeof value !== 'object' || seen.has(value)) return undefined;
  seen.add(value);
  if ((value as Schema).description === description && (value as Schema).type === 'object') return value as Schema;
  for (const item of Object.values(value)) {
    const found = findByDescription(item, description, seen);
    if (found) return found;
  }
  return undefined;
}

function check(key: string, schema: () => Schema, body: unknown, what: string): void {
  let validate = compiled.get(key);
  if (!validate) {
    validate = validator().compile(schema());
    compiled.set(key, validate);
  }
  if (!validate(body)) {
    throw new Error(`${what} does not match the spec: ${validator().errorsText(validate.errors, { dataVar: 'body' })}\n${JSON.stringify(body, null, 2)}`);
  }
}

/** Throws, naming each mismatch, unless `body` matches the spec's schema for that response. */
export function expectMatchesSpec(body: unknown, specPath: string, method: string, status: number | string): void {
  const where = `${method.toUpperCase()} ${specPath} ${status}`;
  check(where, () => responseSchema(specPath, method, status), body, `The reply to ${where}`);
}

/** For error replies the spec does not list (413, 415, 503, ...): the common envelope must still hold. */
export function expectMatchesErrorEnvelope(body: unknown): void {
  check('default error object', errorEnvelopeSchema, body, 'The error reply');
}
