import { ValidationPipe, type ArgumentMetadata, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { ValidationError } from './api-errors';

/**
 * Every invalid field by its path (nested objects and array items joined with dots, e.g.
 * `roles.0.role`) with the first message of its first failed constraint.
 */
export function invalidFieldsOf(errors: readonly ClassValidatorError[], parentPath = ''): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const error of errors) {
    const path = joinPath(parentPath, error.property);
    // Decorators register bottom-up: the last constraint is the first one written on the field,
    // by convention the most basic (type or presence) and the most telling when it fails.
    const message = Object.values(error.constraints ?? {}).at(-1);
    if (message !== undefined && !(path in fields)) fields[path] = message;
    Object.assign(fields, invalidFieldsOf(error.children ?? [], path));
  }
  return fields;
}

/** A failure with no property is about the payload as a whole (e.g. a string where an object belongs). */
function joinPath(parentPath: string, property: string | undefined): string {
  if (!property) return parentPath || 'body';
  return parentPath ? `${parentPath}.${property}` : property;
}

/**
 * DTO validation for every route: unknown fields are dropped (the spec tolerates them), payloads
 * become DTO instances, and a failure answers 422 invalid_request with invalid_fields.
 */
export function createValidationPipe(): ValidationPipe {
  return new ObjectBodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: false,
    transform: true,
    exceptionFactory: (errors) => new ValidationError(invalidFieldsOf(errors)),
  });
}

/** Types Nest binds as they are: a body declared as one of these is not a DTO. */
const PLAIN_TYPES: readonly unknown[] = [String, Number, Boolean, Array, Object];

/**
 * A DTO body must be a JSON object. Nest's pipe would turn `null` into `{}` and validate an array
 * or a string as if it were the DTO, so `PATCH` with a `null` body answered 200 as an empty change.
 * No body at all stays allowed: a client may send nothing to an operation whose fields are optional.
 */
class ObjectBodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const isDto = metadata.type === 'body' && typeof metadata.metatype === 'function' && !PLAIN_TYPES.includes(metadata.metatype);
    if (isDto && value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw new ValidationError({ body: 'must be a JSON object' });
    }
    return super.transform(value, metadata);
  }
}
