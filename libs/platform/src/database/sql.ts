/** The least a caller needs to run SQL: one statement, positional parameters, rows back. */
export interface SqlRunner {
  query<T extends object = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

/** A SQL database that can also run several statements in one transaction. */
export interface SqlDatabase extends SqlRunner {
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
}

/** Cross-process wake-ups (PostgreSQL LISTEN/NOTIFY, or in-process on the embedded database). */
export interface Notifications {
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload?: string): Promise<void>;
}

/** A held exclusive lock; `lost` settles if the lock is lost without release (connection died). */
export interface Lease {
  readonly lost: Promise<void>;
  release(): Promise<void>;
}

/** Named locks that at most one holder across all processes sharing the database can hold. */
export interface ExclusiveLocks {
  tryAcquire(name: string): Promise<Lease | null>;
}
