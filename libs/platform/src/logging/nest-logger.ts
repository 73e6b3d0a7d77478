import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';

const STACK_TRACE = /\n\s+at /;

/**
 * Nest's LoggerService over pino, so framework messages ("Mapped {/v2/accounts, GET}", bootstrap
 * errors) come out as the same JSON lines as ours. Nest passes the context (a class name) as the
 * last string argument, and for errors a stack trace before it.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('info', message, optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.write('error', message, optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, optionalParams);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('trace', message, optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', message, optionalParams);
  }

  private write(level: Level, message: unknown, optionalParams: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const params = [...optionalParams];
    const context = params.length > 0 && typeof params.at(-1) === 'string' && !STACK_TRACE.test(params.at(-1) as string) ? (params.pop() as string) : undefined;
    const stack = typeof params[0] === 'string' && STACK_TRACE.test(params[0]) ? (params.shift() as string) : undefined;
    const fields: Record<string, unknown> = { context, stack, ...(params.length > 0 ? { details: params } : {}) };
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ ...fields, ...message });
    } else {
      this.logger[level](fields, String(message));
    }
  }
}
