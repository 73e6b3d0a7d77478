import type { ResponseObject, SchemaObject } from '@nestjs/swagger';

/** Every error reply of the service (platform error envelope), as a schema component. */
export const ERROR_SCHEMA_NAME = 'ErrorEnvelope';

export const ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['error', 'error_description', 'request_id'],
  properties: {
    error: { type: 'string', example: 'invalid_request' },
    error_description: { type: 'string' },
    request_id: { type: 'string', format: 'uuid' },
    invalid_fields: { type: 'object', additionalProperties: { type: 'string' }, description: '422: what is wrong with each field' },
    sub_error: { type: 'string', description: '403: why access was denied, e.g. insufficient_scope' },
    resource_name: { type: 'string', description: '404: the kind of resource not found' },
    resource_id: { type: 'string', description: '404: its id' },
  },
};

export function errorReply(description: string): ResponseObject {
  return { description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_SCHEMA_NAME}` } } } };
}

export interface ErrorCases {
  readonly credential: 'none' | 'optional' | 'required';
  readonly scoped: boolean;
  readonly hasPathParameters: boolean;
  readonly hasBody: boolean;
}

/**
 * The error replies a route can give, from what the platform does before and around any handler:
 * the credential guard (401, 403), validation (400 malformed, 422 invalid fields), lookups by id
 * (404) and the catch-all (500). A handler's own outcomes (409, 429, ...) come on top.
 */
export function errorResponsesFor(cases: ErrorCases): Record<string, ResponseObject> {
  const replies: Record<string, ResponseObject> = {};
  if (cases.hasBody) replies['400'] = errorReply('Bad request: the body is not well-formed JSON.');
  if (cases.credential !== 'none') replies['401'] = errorReply('Unauthorized: missing or invalid credentials.');
  if (cases.scoped) replies['403'] = errorReply('Forbidden: the credential lacks the required scope (sub_error: insufficient_scope).');
  if (cases.hasPathParameters) replies['404'] = errorReply('Not found: no such resource here (resource_name, resource_id).');
  if (cases.hasBody || cases.hasPathParameters) replies['422'] = errorReply('Invalid request: invalid_fields names each wrong field.');
  replies['500'] = errorReply('Server error.');
  return replies;
}
