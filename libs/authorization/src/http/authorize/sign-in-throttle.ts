import { Injectable } from '@nestjs/common';

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
  private readonly failures = new Map<string, number[]>();

  /** Seconds until the next attempt is allowed, or 0 when it is allowed now. */
  retryAfter(email: string, ip: string, now = Date.now()): number {
    const byAccount = this.recent(`account:${email.trim().toLowerCase()}`, now);
    const byIp = this.recent(`ip:${ip}`, now);
    const blocked = [byAccount.length >= FAILURES_PER_ACCOUNT ? byAccount[0] : undefined, byIp.length >= FAILURES_PER_IP ? byIp[0] : undefined].filter(
      (oldest): oldest is number => oldest !== undefined,
    );
    return blocked.length ? Math.ceil((Math.max(...blocked) + WINDOW_MS - now) / 1000) : 0;
  }

  failed(email: string, ip: string, now = Date.now()): void {
    for (const key of [`account:${email.trim().toLowerCase()}`, `ip:${ip}`]) this.failures.set(key, [...this.recent(key, now), now]);
  }

  succeeded(email: string): void {
    this.failures.delete(`account:${email.trim().toLowerCase()}`);
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((at) => now - at < WINDOW_MS);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }
}
