import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/platform';
import { FailureWindow } from '../failure-window';

const WINDOW_MS = 60_000;

/**
 * Slows guessing at the token endpoint: an address whose token requests keep failing (bad codes,
 * refresh tokens, client secrets) is answered 429 for a while, before anything it sends is looked
 * at. TOKEN_FAILURES_PER_MINUTE sets the allowance. Per process, like the sign-in throttle.
 */
@Injectable()
export class TokenEndpointThrottle {
  private readonly window = new FailureWindow(WINDOW_MS);
  private readonly limit: number;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'tokenFailuresPerMinute'>) {
    this.limit = config.tokenFailuresPerMinute;
  }

  retryAfter(ip: string, now = Date.now()): number {
    return this.window.retryAfterSeconds(ip, this.limit, now);
  }

  failed(ip: string, now = Date.now()): void {
    this.window.record(ip, now);
  }
}
