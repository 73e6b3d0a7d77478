import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, ApiError, TooManyRequestsError, type AppConfig } from '@app/platform';
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

  /**
   * Runs a token request from `ip`: refused at once while the address is held back, and every
   * refusal the request earns (a 4xx) counts against the address. A wrapper rather than a Nest
   * interceptor: an interceptor puts every token request through rxjs and async-resource binding,
   * a few percent of the service's CPU on the refresh path.
   */
  async guard<T>(ip: string, request: () => Promise<T>): Promise<T> {
    const wait = this.retryAfter(ip);
    if (wait > 0) throw new TooManyRequestsError(wait, 'Too many refused token requests from this address; retry later.');
    try {
      return await request();
    } catch (error) {
      if (error instanceof ApiError && error.status < 500) this.failed(ip);
      throw error;
    }
  }

  retryAfter(ip: string, now = Date.now()): number {
    return this.window.retryAfterSeconds(ip, this.limit, now);
  }

  failed(ip: string, now = Date.now()): void {
    this.window.record(ip, now);
  }
}
