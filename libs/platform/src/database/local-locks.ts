import type { ExclusiveLocks, Lease } from './sql';

/** Exclusive locks within one process, for the embedded database (one process at a time). */
export class LocalLocks implements ExclusiveLocks {
  private readonly held = new Set<string>();

  async tryAcquire(name: string): Promise<Lease | null> {
    if (this.held.has(name)) return null;
    this.held.add(name);
    return {
      lost: new Promise<void>(() => undefined),
      release: async () => {
        this.held.delete(name);
      },
    };
  }
}
