import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ValidationError } from './api-errors';

/**
 * Refuses text with a NUL character or an unpaired UTF-16 surrogate anywhere in the body, query or
 * path: PostgreSQL cannot store either in text or JSON (a lone surrogate is not Unicode, and jsonb
 * refuses its escape), so it would otherwise fail deep in a write, as a 500, instead of a clear 422.
 */
@Injectable()
export class NulCharacterPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const found = findUnstorable(value, metadata.data ?? '');
    if (found !== undefined) throw new ValidationError({ [found.path || metadata.type]: found.problem });
    return value;
  }
}

interface Unstorable {
  path: string;
  problem: string;
}

/** Lone high surrogate not followed by a low one, or lone low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function problemOf(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode (no unpaired surrogates)';
  return undefined;
}

function findUnstorable(value: unknown, path: string, depth = 0): Unstorable | undefined {
  if (typeof value === 'string') {
    const problem = problemOf(value);
    return problem ? { path, problem } : undefined;
  }
  if (value === null || typeof value !== 'object' || depth > 32) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const problem = problemOf(key);
    if (problem) return { path, problem };
    const found = findUnstorable(item, path ? `${path}.${key}` : key, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
