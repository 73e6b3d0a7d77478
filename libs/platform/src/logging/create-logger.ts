import { destination, pino, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/app-config';
import { logSerializers } from './log-serializers';
import { redactingDestination } from './redacting-destination';

export type { Logger } from 'pino';

export interface LoggerOptions {
  readonly level?: LogLevel;
  /** Fields on every line, e.g. { service: 'api', region: 'dal' }. */
  readonly base?: Record<string, unknown>;
  /** Where JSON lines go; stdout when absent. Tests pass a stream to read them back. */
  readonly destination?: DestinationStream;
}

/**
 * The one logger of a process: JSON lines on stdout, ISO timestamps, level names, and every line
 * stripped of secrets (see redacting-destination) before it leaves the process.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid, ...options.base },
      timestamp: stdTimeFunctions.isoTime,
      serializers: logSerializers,
      formatters: { level: (label) => ({ level: label }) },
    },
    redactingDestination(options.destination ?? destination(1)),
  );
}
