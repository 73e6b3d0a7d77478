/** One stream per session, named by its id only: a stream name must never carry personal data. */
export const SESSION_CATEGORY = 'session';

export function sessionStream(sessionId: string): string {
  return `${SESSION_CATEGORY}-${sessionId}`;
}
