import type { DestinationStream } from 'pino';
import { redactSecrets, redactSecretsInText } from './secret-redaction';

/** Subtrees holding serialized errors: `code` is an error code (ECONNREFUSED), not an OAuth code; row values go. */
const ERROR_KEYS = new Set(['err', 'error']);
const TEXT_KEYS = ['msg', 'message', 'stack'] as const;

/**
 * Redacts each finished JSON line just before it is written. Doing it on the line, not on the
 * logged object, also covers what pino adds elsewhere: child-logger bindings (which pino does not
 * pass through formatters), framework logs, and serializer output.
 */
export function redactLogLine(line: string): string {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return redactSecretsInText(line);
  }
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return line;
  const redacted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    redacted[key] = ERROR_KEYS.has(key) ? redactError(value) : redactSecrets({ [key]: value })[key];
  }
  redactTextFields(redacted);
  return `${JSON.stringify(redacted)}\n`;
}

function redactError(value: unknown): unknown {
  const redacted = redactSecrets(value, { serializedError: true });
  if (redacted !== null && typeof redacted === 'object' && !Array.isArray(redacted)) redactTextFields(redacted as Record<string, unknown>);
  return redacted;
}

function redactTextFields(record: Record<string, unknown>): void {
  for (const key of TEXT_KEYS) {
    const text = record[key];
    if (typeof text === 'string') record[key] = redactSecretsInText(text);
  }
}

export function redactingDestination(target: DestinationStream & { flush?: (cb?: (error?: Error) => void) => void }): DestinationStream {
  return {
    write: (line: string) => target.write(redactLogLine(line)),
    ...(target.flush ? { flush: (cb?: (error?: Error) => void) => target.flush!(cb) } : {}),
  };
}
