import { Injectable } from '@nestjs/common';
import { FailureWindow } from '../failure-window';

const WINDOW_MS = 15 * 60_000;
/** Failed sign-ins allowed per account (by email) and per client IP within the window. */
export const FAILURES_PER_ACCOUNT = 10;
export const FAILURES_PER_IP = 50;

/**
 * Slows password guessing: too many failed sign-ins for one email, or from one address, and
 * further attempts are refused for a while (even with the right password). Counted per process:
 * with several processes an attacker gets that many times the attempts, still bounded.
 */
@Injectable()
export class SignInThrottle {
  private readonly window = new FailureWindow(WINDOW_MS);

  /** Seconds until the next attempt is allowed, or 0 when it is allowed now. */
  retryAfter(email: string, ip: string, now = Date.now()): number {
    return Math.max(this.window.retryAfterSeconds(accountKey(email), FAILURES_PER_ACCOUNT, now), this.window.retryAfterSeconds(`ip:${ip}`, FAILURES_PER_IP, now));
  }

  failed(email: string, ip: string, now = Date.now()): void {
    this.window.record(accountKey(email), now);
    this.window.record(`ip:${ip}`, now);
  }

  succeeded(email: string): void {
    this.window.clear(accountKey(email));
  }
}

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
