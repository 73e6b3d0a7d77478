/** ISO 8601 dates and times only (`2025-01-31`, `2025-01-31T12:00:00Z`, with offset): no locale guessing. */
const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The moment a filter or --as-of names, or null when it is not an ISO 8601 time. */
export function parseAuditTime(text: string): Date | null {
  if (!ISO.test(text)) return null;
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time);
}
