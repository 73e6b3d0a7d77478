import type { PgLikeClient, PgLikePool, PgLikeResult } from './pg-like-pool';
import type { SqlDatabase, SqlRunner } from './sql';

/** SqlDatabase over a node-postgres style pool: one pooled connection per transaction. */
export class PoolSqlDatabase implements SqlDatabase {
  constructor(private readonly pool: PgLikePool) {}

  /** Several statements in one text (no parameters) answer the last one's rows, as on the embedded database. */
  async query<T extends object>(text: string, params?: readonly unknown[]): Promise<T[]> {
    return this.onPooledConnection((client) => client.query(text, params as unknown[]));
  }

  /**
   * One statement on a pooled connection. The pool's own query() would discard the connection
   * after any error, a refused statement too (a unique violation is how an append learns of a
   * concurrent writer): under contention that closed and reopened server processes all the time.
   * A statement the server refused leaves its connection usable; only others break it.
   */
  private async onPooledConnection<T extends object>(statement: (client: PgLikeClient) => Promise<PgLikeResult>): Promise<T[]> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      return lastResult(await statement(client)).rows as T[];
    } catch (error) {
      if (!refusedByServer(error)) broken = error as Error;
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx: SqlRunner = {
      query: async <R extends object>(text: string, params?: readonly unknown[]) =>
        (await client.query(text, params as unknown[])).rows as R[],
    };
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection itself failed: tell the pool to discard it rather than reuse it.
        broken = rollbackError as Error;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

/** node-postgres answers a text of several statements with one result each. */
function lastResult(result: PgLikeResult | PgLikeResult[]): PgLikeResult {
  return Array.isArray(result) ? result[result.length - 1] : result;
}

/** An error the server answered a statement with (severity ERROR): the session goes on. FATAL ends it. */
function refusedByServer(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { severity?: unknown }).severity === 'ERROR';
}
