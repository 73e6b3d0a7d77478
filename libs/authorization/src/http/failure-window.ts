/**
 * Failures per key (an email, an address) within a sliding window, kept in this process's memory.
 * Keys without recent failures are dropped, so the map stays as small as the current attack.
 */
export class FailureWindow {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly windowMs: number) {}

  record(key: string, now = Date.now()): void {
    this.failures.set(key, [...this.recent(key, now), now]);
  }

  clear(key: string): void {
    this.failures.delete(key);
  }

  /** Seconds until `key` has fewer than `limit` failures in the window again; 0 when it has now. */
  retryAfterSeconds(key: string, limit: number, now = Date.now()): number {
    const recent = this.recent(key, now);
    return recent.length >= limit ? Math.ceil((recent[recent.length - limit] + this.windowMs - now) / 1000) : 0;
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((at) => now - at < this.windowMs);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }
}
