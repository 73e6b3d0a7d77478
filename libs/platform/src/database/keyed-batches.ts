interface Waiter<V> {
  resolve(value: V | undefined): void;
  reject(error: unknown): void;
}

/**
 * Gathers the keys that concurrent callers ask for into one statement. With none in flight a key
 * goes at once, alone; a caller that arrives while one is in flight goes into the next, which
 * starts when the current one ends. So a caller is never answered by a statement that began
 * before it asked (a read sees every write its caller saw committed), and under load a round of
 * callers costs one statement instead of one each: round trips are most of what a request costs.
 * A failed statement fails every caller in it.
 */
export class KeyedBatches<V> {
  private waiting = new Map<string, Waiter<V>[]>();
  private running = false;

  /** `run` answers, for the keys it was given, the value of each it found. */
  constructor(
    private readonly run: (keys: readonly string[]) => Promise<ReadonlyMap<string, V>>,
    private readonly maxKeys = 500,
  ) {}

  get(key: string): Promise<V | undefined> {
    return new Promise<V | undefined>((resolve, reject) => {
      const waiters = this.waiting.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.size > 0) {
        const batch = new Map<string, Waiter<V>[]>();
        for (const [key, waiters] of this.waiting) {
          if (batch.size === this.maxKeys) break;
          batch.set(key, waiters);
        }
        for (const key of batch.keys()) this.waiting.delete(key);
        try {
          const found = await this.run([...batch.keys()]);
          for (const [key, waiters] of batch) for (const waiter of waiters) waiter.resolve(found.get(key));
        } catch (error) {
          for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
