import { ValidationPipe, type ValidationError as ClassValidatorError } from '@nestjs/common';
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
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: false,
    transform: true,
    exceptionFactory: (errors) => new ValidationError(invalidFieldsOf(errors)),
  });
}
