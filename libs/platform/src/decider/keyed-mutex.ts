/**
 * Runs work for one key at a time, in arrival order; different keys run concurrently. Commands on
 * one hot stream in one process then queue instead of racing each other into optimistic
 * concurrency failures and retries.
 *
 * A key nobody holds is taken at once; only a caller that finds it held waits (a queue of
 * callbacks per held key, not a chain of promises: every write takes three keys).
 */
export class KeyedMutex {
  /** Per held key, the callers waiting for it, first come first. */
  private readonly waiting = new Map<string, (() => void)[]>();

  /** Waits for the key and holds it until the returned release is called (later calls do nothing). */
  acquire(key: string): Promise<() => void> {
    const queue = this.waiting.get(key);
    if (!queue) {
      this.waiting.set(key, []);
      return Promise.resolve(this.releaseOf(key));
    }
    return new Promise((resolve) => queue.push(() => resolve(this.releaseOf(key))));
  }

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const release = await this.acquire(key);
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** Hands the key to the next caller waiting for it, or frees it. */
  private releaseOf(key: string): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const queue = this.waiting.get(key)!;
      const next = queue.shift();
      if (next) next();
      else this.waiting.delete(key);
    };
  }
}
