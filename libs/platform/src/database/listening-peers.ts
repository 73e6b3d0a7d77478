import type { PgLikePool } from './pg-like-pool';

/** The application_name of every process's listening connection: how the processes sharing a database see each other. */
export const LISTENER_APPLICATION_NAME = 'global-accounts-listener';

/**
 * Listening connections of other processes on this database: by name (application_name and datname
 * are visible to any role), or any connection of the same role whose last statement was a LISTEN
 * (a process of an earlier version, before the name; another program): better a NOTIFY too many.
 */
const OTHER_LISTENERS = `SELECT count(*)::int AS others FROM pg_stat_activity
WHERE datname = current_database() AND pid <> $2 AND (application_name = $1 OR query ILIKE 'LISTEN %')`;

export interface PeerTimings {
  /** How often the listening connections are counted. */
  readonly checkEveryMs: number;
  /** How long a count is trusted, from the moment it was asked for. */
  readonly trustForMs: number;
}

export const PEER_TIMINGS: PeerTimings = { checkEveryMs: 1_000, trustForMs: 2_000 };

/**
 * Whether another process listens on this database. A NOTIFY that no other process hears is a
 * transaction for nothing, and a single process sent one for every few requests. The answer is
 * "alone" only from a count begun less than `trustForMs` ago, so a process that connects its
 * listener later is counted by then; until then it re-checks on its own (PgNotifications' joining
 * window, which lasts longer than the trust).
 */
export class ListeningPeers {
  private known: { others: number; askedAt: number } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly pool: PgLikePool,
    /** The backend of this process's own listening connection, when it has one. */
    private readonly ownListener: () => number | undefined,
    private readonly timings: PeerTimings,
    private readonly onError: (error: Error) => void,
  ) {}

  /** True only when a recent count found no other listener. The first call starts the counting. */
  get alone(): boolean {
    this.start();
    const known = this.known;
    return known !== undefined && known.others === 0 && performance.now() - known.askedAt < this.timings.trustForMs;
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  private start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.check(), this.timings.checkEveryMs);
    this.timer.unref();
    void this.check();
  }

  private check(): Promise<void> {
    this.checking ??= (async () => {
      // Taken before the query waits for a connection: the count is at least this fresh.
      const askedAt = performance.now();
      try {
        const { rows } = await this.pool.query(OTHER_LISTENERS, [LISTENER_APPLICATION_NAME, this.ownListener() ?? 0]);
        this.known = { others: Number(rows[0].others), askedAt };
      } catch (error) {
        // The last count ages out, and notifications go to the server meanwhile.
        this.onError(error as Error);
      }
    })().finally(() => (this.checking = undefined));
    return this.checking;
  }
}
