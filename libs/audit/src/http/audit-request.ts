import { ValidationError } from '@app/platform';
import { decodeCursor, InvalidCursorError, parseAuditTime, type AuditFilter, type CursorPosition } from '../domain';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

export interface AuditRequest {
  readonly filter: AuditFilter;
  readonly limit: number;
  readonly before: CursorPosition | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ID_FIELDS = { account: 'accountId', organization: 'organizationId', session: 'sessionId', actor: 'actorId', correlation: 'correlationId' } as const;

/** Reads GET /v2/audit's query string; every wrong parameter is named in one 422. */
export function parseAuditRequest(query: Record<string, unknown>): AuditRequest {
  const invalid: Record<string, string> = {};
  const text = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '' || value.length > 200) invalid[name] = 'must be given once, as a non-empty string';
    return typeof value === 'string' ? value : undefined;
  };
  const filter: { -readonly [K in keyof AuditFilter]: AuditFilter[K] } = {};
  for (const [name, key] of Object.entries(ID_FIELDS)) {
    const value = text(name);
    // `actor` may be `system`; the others are ids this service made (UUIDs).
    if (value !== undefined && name !== 'actor' && !UUID.test(value)) invalid[name] = 'must be a UUID';
    if (value !== undefined) filter[key] = value;
  }
  const client = text('client');
  if (client !== undefined) filter.clientId = client;
  const types = text('type');
  if (types !== undefined) filter.types = types.split(',').map((t) => t.trim()).filter(Boolean);
  for (const name of ['since', 'until'] as const) {
    const value = text(name);
    if (value === undefined) continue;
    const time = parseAuditTime(value);
    if (time) filter[name] = time;
    else invalid[name] = 'must be an ISO 8601 time';
  }
  const limitText = text('limit');
  const limit = limitText === undefined ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) invalid.limit = `must be an integer from 1 to ${MAX_LIMIT}`;
  let before: CursorPosition | null = null;
  const cursor = text('cursor');
  if (cursor !== undefined) {
    try {
      before = decodeCursor(cursor);
    } catch (error) {
      if (!(error instanceof InvalidCursorError)) throw error;
      invalid.cursor = 'is not a cursor this service gave out';
    }
  }
  if (Object.keys(invalid).length) throw new ValidationError(invalid);
  return { filter, limit, before };
}
