import type { PgLikePool } from './pg-like-pool';

/** Every pending notification, whatever its channel, in one statement. */
const NOTIFY_ALL = 'SELECT pg_notify(n.channel, n.payload) FROM unnest($1::text[], $2::text[]) AS n(channel, payload)';

interface Pending {
  readonly channel: string;
  readonly payload: string;
  readonly sent: { resolve: () => void; reject: (error: Error) => void };
}

/**
 * Sends NOTIFYs one statement at a time: the notifications asked for while one is in flight all
 * go in the next. Each NOTIFY is a transaction of its own (with a commit the WAL must flush, under
 * the server's one notification lock); the appends' announcements and the projections' advances
 * used to take one each, and now share it.
 */
export class NotificationBatches {
  private pending: Pending[] = [];
  private sending = false;

  constructor(private readonly pool: PgLikePool) {}

  /** Settles when the statement that carries it has run. */
  send(channel: string, payload: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ channel, payload, sent: { resolve, reject } });
      if (!this.sending) void this.sendPending();
    });
  }

  private async sendPending(): Promise<void> {
    this.sending = true;
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        await this.pool.query(NOTIFY_ALL, [batch.map((n) => n.channel), batch.map((n) => n.payload)]);
        for (const n of batch) n.sent.resolve();
      } catch (error) {
        for (const n of batch) n.sent.reject(error as Error);
      }
    }
    this.sending = false;
  }
}
