import type { SqlRunner } from './sql';
import { inlineParameters } from './sql-literals';

/**
 * What `query` answers: a statement added to a script has not run, so it has no rows. Using the
 * answer throws instead of passing for an empty result (a read slipped into a script would
 * otherwise find nothing, silently).
 */
const NOT_RUN_YET: unknown[] = new Proxy([], {
  get(_, property) {
    // Not a thenable: awaiting the answer is fine, only reading it is not.
    if (property === 'then') return undefined;
    throw new Error('a statement of an SqlScript has not run: read through a SqlRunner that runs it');
  },
});

/**
 * Statements collected to be sent together as one query of the simple protocol: one round trip
 * for all of them, and PostgreSQL runs them as one implicit transaction (all or nothing). Writes
 * only: a statement added here has not run, so `query` answers nothing that can be read.
 */
export class SqlScript implements SqlRunner {
  private readonly statements: string[] = [];

  query<T extends object = Record<string, unknown>>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    this.statements.push(inlineParameters(text, params));
    return Promise.resolve(NOT_RUN_YET as T[]);
  }

  get size(): number {
    return this.statements.length;
  }

  /** The statements as one query text. */
  get text(): string {
    return this.statements.join(';\n');
  }
}
