/**
 * A level-triggered wake-up: wait() resolves at the next notify(), or at once if a notify came
 * since the generation the caller last saw, so no wake-up between "read" and "wait" is lost.
 */
export class WakeSignal {
  private generation = 0;
  private readonly waiters = new Set<() => void>();

  get current(): number {
    return this.generation;
  }

  notify(): void {
    this.generation++;
    for (const wake of [...this.waiters]) wake();
  }

  /** Resolves true when woken, false on timeout. */
  wait(seenGeneration: number, timeoutMs: number): Promise<boolean> {
    if (this.generation !== seenGeneration) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (woken: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(woken);
      };
      const wake = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      timer.unref?.();
      this.waiters.add(wake);
    });
  }
}
