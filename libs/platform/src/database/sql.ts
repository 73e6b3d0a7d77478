/** The least a caller needs to run SQL: one statement, positional parameters, rows back. */
export interface SqlRunner {
  query<T extends object = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

/** A SQL database that can also run several statements in one transaction. */
export interface SqlDatabase extends SqlRunner {
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
}

export interface ListenOptions {
  /**
   * The channel's notifications come only from statements run in the database (a trigger, a
   * NOTIFY inside a transaction), never from notify(): the handler needs no re-checks while its
   * process joins.
   */
  readonly fromDatabaseOnly?: boolean;
}

/**
 * Cross-process wake-ups (PostgreSQL LISTEN/NOTIFY, or in-process on the embedded database). Every
 * listener of every process hears a notification, or is called with an empty payload when it may
 * have missed some: it then re-checks its source.
 */
export interface Notifications {
  listen(channel: string, onNotify: (payload: string) => void, options?: ListenOptions): Promise<() => Promise<void>>;
  notify(channel: string, payload?: string): Promise<void>;
  /** Settles once the other processes hear this one's listeners (at once where there are none). */
  joined(): Promise<void>;
  /**
   * Whether this process's listeners are connected and have been long enough for every other
   * process to have counted them (always, where no other process can be).
   */
  heard(): boolean;
  /** Whether a recent count found no other process listening (always, where none can be). */
  alone(): boolean;
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
