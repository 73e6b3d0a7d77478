import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ValidationError } from './api-errors';

/**
 * Refuses text with a NUL character anywhere in the body, query or path: PostgreSQL cannot store
 * it in text or JSON, so it would otherwise fail deep in a write instead of as a clear 422.
 */
@Injectable()
export class NulCharacterPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const path = findNul(value, metadata.data ?? '');
    if (path !== undefined) throw new ValidationError({ [path || metadata.type]: 'must not contain NUL characters' });
    return value;
  }
}

function findNul(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (value === null || typeof value !== 'object' || depth > 32) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return path;
    const found = findNul(item, path ? `${path}.${key}` : key, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
