import type { PgLikePool } from './pg-like-pool';
import type { SqlDatabase, SqlRunner } from './sql';

/** SqlDatabase over a node-postgres style pool: one pooled connection per transaction. */
export class PoolSqlDatabase implements SqlDatabase {
  constructor(private readonly pool: PgLikePool) {}

  async query<T extends object>(text: string, params?: readonly unknown[]): Promise<T[]> {
    const result = await this.pool.query(text, params as unknown[]);
    return result.rows as T[];
  }

  async queryPrepared<T extends object>(name: string, text: string, params: readonly unknown[]): Promise<T[]> {
    const result = await this.pool.query({ name, text, values: params });
    return result.rows as T[];
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
