/**
 * Shares one read among concurrent callers without ever answering a caller with a read that
 * began before it asked: a caller that arrives while a read is in flight gets the next one, which
 * starts when the current one ends and serves everyone who arrived meanwhile. Under load, many
 * waiting writers then cost one query per round instead of one each.
 */
export class SharedFreshRead<T> {
  private current: Promise<T> | undefined;
  private next: Promise<T> | undefined;

  constructor(private readonly read: () => Promise<T>) {}

  run(): Promise<T> {
    if (!this.current) return this.start();
    if (!this.next) {
      const settled = this.current.then(
        () => undefined,
        () => undefined,
      );
      this.next = settled.then(() => {
        this.next = undefined;
        return this.start();
      });
    }
    return this.next;
  }

  private start(): Promise<T> {
    const round = this.read().finally(() => {
      if (this.current === round) this.current = undefined;
    });
    this.current = round;
    return round;
  }
}
