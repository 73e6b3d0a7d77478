import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { expectMatchesErrorEnvelope, expectMatchesSpec, findSpecPath, SPEC_QUIRKS, toJsonSchema, withSpecQuirks } from './spec-schemas';

const REQUEST_ID = '5903c51b-89f0-41a9-a25d-4f39af100353';
const ROLE_ID = '728b99be-848c-11ea-9b91-005056a007e9';

interface Difference {
  path: string;
  before: unknown;
  after: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object';
const holdsObjects = (value: unknown) => Array.isArray(value) && value.some(isObject);

/** Every place two JSON values differ; arrays of plain values (an enum) are compared whole. */
function differences(before: unknown, after: unknown, path = '$'): Difference[] {
  if (Array.isArray(before) && Array.isArray(after) && (holdsObjects(before) || holdsObjects(after))) {
    if (before.length !== after.length) return [{ path, before, after }];
    return before.flatMap((item, index) => differences(item, after[index], `${path}[${index}]`));
  }
  if (isObject(before) && isObject(after) && !Array.isArray(before) && !Array.isArray(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((key) => differences(before[key], after[key], `${path}.${key}`));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, before, after }];
}

describe('spec schemas with the documented quirks', () => {
  const spec = load(readFileSync(findSpecPath(), 'utf8'));

  it('changes the spec only where SPEC_QUIRKS say: the error enum gains "unauthorized", the role name loses its enum', () => {
    const raw = toJsonSchema(spec);
    const changes = differences(raw, withSpecQuirks(raw));

    const errorEnums = changes.filter((c) => c.path.endsWith('.properties.error.enum'));
    const roleEnums = changes.filter((c) => c.path.endsWith('.properties.role.enum'));
    expect(errorEnums.length + roleEnums.length).toBe(changes.length);
    expect(errorEnums.length).toBeGreaterThan(0);
    expect(roleEnums.length).toBeGreaterThan(0);
    for (const change of errorEnums) {
      expect(change.before).toEqual(expect.arrayContaining(['access_denied', 'resource_not_found']));
      expect(change.before).not.toContain('unauthorized');
      expect(change.after).toEqual([...(change.before as string[]), 'unauthorized']);
    }
    for (const change of roleEnums) {
      expect(change.before).toEqual(['owner', 'viceowner', 'administrator', 'normal', 'member']);
      expect(change.after).toBeUndefined();
    }
    expect(SPEC_QUIRKS).toHaveLength(2);
  });

  it('does not change the schemas it is given', () => {
    const raw = toJsonSchema(spec);
    const copy = JSON.parse(JSON.stringify(raw));
    withSpecQuirks(raw);
    expect(raw).toEqual(copy);
  });

  it('accepts a 401 body with error "unauthorized", and still rejects error codes the spec does not know', () => {
    const body = { error: 'unauthorized', error_description: 'The account is not authorized.', request_id: REQUEST_ID };
    expect(() => expectMatchesSpec(body, '/accounts', 'get', 401)).not.toThrow();
    expect(() => expectMatchesSpec(body, '/organizations/{organization_id}', 'patch', 401)).not.toThrow();
    expect(() => expectMatchesErrorEnvelope(body)).not.toThrow();
    expect(() => expectMatchesSpec({ ...body, error: 'not_a_code' }, '/accounts', 'get', 401)).toThrow(/error/);
    expect(() => expectMatchesErrorEnvelope({ ...body, error: 'not_a_code' })).toThrow(/error/);
    expect(() => expectMatchesSpec({ ...body, request_id: 'not-a-uuid' }, '/accounts', 'get', 401)).toThrow(/request_id/);
  });

  it('accepts a custom role name in roles and in accounts, but the role name must still be a string', () => {
    const custom = { role_id: ROLE_ID, product: 'Accounts', role: 'Support lead', type: 'custom', predefined: false };
    expect(() => expectMatchesSpec([custom], '/roles', 'get', 200)).not.toThrow();
    expect(() => expectMatchesSpec({ ...custom, scope: 'accounts--my:ro' }, '/roles/{role_id}', 'get', 200)).not.toThrow();
    expect(() => expectMatchesSpec({ email: 'a@example.com', roles: [custom] }, '/accounts/{account_id}', 'get', 200)).not.toThrow();
    expect(() => expectMatchesSpec([{ ...custom, role: 42 }], '/roles', 'get', 200)).toThrow(/role/);
  });

  it('keeps every other constraint, e.g. the product enum and the required email', () => {
    const custom = { role_id: ROLE_ID, product: 'Accounts', role: 'Support lead', type: 'custom', predefined: false };
    expect(() => expectMatchesSpec([{ ...custom, product: 'Other' }], '/roles', 'get', 200)).toThrow(/product/);
    expect(() => expectMatchesSpec({ name: 'No email' }, '/accounts/{account_id}', 'get', 200)).toThrow(/email/);
  });
});
