import { Injectable, type PipeTransform } from '@nestjs/common';
import { ValidationError } from './api-errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a UUID in text form (any case). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The id of "myself" in a path, e.g. `/accounts/me`. */
export const ME = 'me';

/**
 * A path id: a UUID (lowercased) or one of the aliases (`me`, and `my` for organizations), which
 * come back as ME. Anything else is a 422 naming the parameter.
 */
@Injectable()
export class IdOrMePipe implements PipeTransform<string, string> {
  constructor(
    private readonly field: string,
    private readonly aliases: readonly string[] = [ME],
  ) {}

  transform(value: string): string {
    if (this.aliases.includes(value)) return ME;
    if (isUuid(value)) return value.toLowerCase();
    throw new ValidationError({ [this.field]: 'invalid uuid' });
  }
}
