import { ValidateIf } from 'class-validator';

/**
 * A body field that may be left out but not sent as null: the field's other rules apply whenever
 * it is there, so null fails them (422) instead of reaching a handler that reads a present field
 * as a value. (`@IsOptional()` would let null through.)
 */
export function OptionalNotNull(): PropertyDecorator {
  return ValidateIf((_object: unknown, value: unknown) => value !== undefined);
}
