/**
 * Runs work for one key at a time, in arrival order; different keys run concurrently. Commands on
 * one hot stream in one process then queue instead of racing each other into optimistic
 * concurrency failures and retries.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Waits for the key and holds it until the returned release is called. */
  async acquire(key: string): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const acquired = new Promise<void>((resolve) => void this.run(key, () => (resolve(), held)));
    await acquired;
    return release;
  }

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
