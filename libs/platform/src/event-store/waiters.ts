/**
 * Callers waiting until their own target is reached, each settled by the check that finds it
 * reached (or by its deadline) and never woken to look for itself. Where many wait and the state
 * moves often, waking every one of them on every move to check again (WakeSignal) costs more than
 * the checks: here a move costs one test per waiter and nothing else.
 */
export class Waiters<Target> {
  private readonly waiting = new Set<{ readonly target: Target; readonly settle: (reached: boolean) => void }>();

  get size(): number {
    return this.waiting.size;
  }

  /** Resolves true when a `settle` finds the target reached, false after `timeoutMs`; once either way. */
  wait(target: Target, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const waiter = {
        target,
        settle: (reached: boolean) => {
          clearTimeout(timer);
          this.waiting.delete(waiter);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => waiter.settle(false), Math.max(0, timeoutMs));
      timer.unref?.();
      this.waiting.add(waiter);
    });
  }

  /** Settles, reached, every waiter whose target `isReached` says is. */
  settle(isReached: (target: Target) => boolean): void {
    for (const waiter of this.waiting) if (isReached(waiter.target)) waiter.settle(true);
  }
}
