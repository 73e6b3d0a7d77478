import { randomUUID } from 'node:crypto';

/** A subject id and the key stored for it. */
export interface SubjectKey {
  readonly subjectId: string;
  readonly key: Buffer;
}

/**
 * New subjects whose keys exist before anyone asks for them: `make(n)` stores n fresh subjects'
 * keys in one statement, and `take()` hands them out one by one, making the next ones while a
 * few are left. A process that stops leaves the ones it did not hand out: rows of random bytes
 * under ids that name nothing.
 */
export class SubjectsAhead {
  private readonly ready: SubjectKey[] = [];
  private making: Promise<void> | undefined;

  constructor(
    private readonly make: (subjectIds: readonly string[]) => Promise<readonly SubjectKey[]>,
    private readonly batch: number,
  ) {}

  async take(): Promise<SubjectKey> {
    for (;;) {
      const subject = this.ready.pop();
      if (subject) {
        // Made again before the last ones are gone, so a steady flow of takers never waits.
        if (this.ready.length < this.batch / 4) this.makeMore().catch(() => undefined);
        return subject;
      }
      // Concurrent takers share one statement; a taker that finds none left after it makes another.
      await this.makeMore();
    }
  }

  private makeMore(): Promise<void> {
    this.making ??= this.make(Array.from({ length: this.batch }, () => randomUUID()))
      .then((made) => {
        // Fresh random ids never collide; a store that keeps none would have take() ask forever.
        if (made.length === 0) throw new Error('No new subject keys could be stored');
        this.ready.push(...made);
      })
      .finally(() => {
        this.making = undefined;
      });
    return this.making;
  }
}
