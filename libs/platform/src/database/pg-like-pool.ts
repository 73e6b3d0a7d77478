/**
 * The slice of node-postgres' Pool that this project relies on. Both the real `pg.Pool` and the
 * embedded PGlite pool implement it, so transactions and TypeORM work the same on either.
 */
export interface PgLikeResult {
  rows: Record<string, unknown>[];
  rowCount?: number | null;
  command?: string;
}

export interface PgLikeClient {
  query(text: string, params?: readonly unknown[]): Promise<PgLikeResult>;
  query(config: { name: string; text: string; values: readonly unknown[] }): Promise<PgLikeResult>;
  release(err?: Error | boolean): void;
}

export interface PgLikePool {
  query(text: string, params?: readonly unknown[]): Promise<PgLikeResult>;
  query(config: { name: string; text: string; values: readonly unknown[] }): Promise<PgLikeResult>;
  connect(): Promise<PgLikeClient>;
}
