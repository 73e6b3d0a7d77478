import { Client } from 'pg';
import type { Notifications } from './sql';
import type { PgLikePool } from './pg-like-pool';
import { quoteIdent } from './quote-ident';

type Handler = (payload: string) => void;

/**
 * LISTEN/NOTIFY over one dedicated connection, reconnected with backoff when it drops. After a
 * reconnect every handler is called once with an empty payload: notifications sent while the
 * connection was down are lost, so listeners re-check their source.
 */
export class PgNotifications implements Notifications {
  private readonly handlers = new Map<string, Set<Handler>>();
  private client: Client | undefined;
  private connecting: Promise<Client> | undefined;
  private closed = false;
  private reconnectDelayMs = 100;

  constructor(
    private readonly connectionString: string,
    private readonly pool: PgLikePool,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {}

  async listen(channel: string, onNotify: Handler): Promise<() => Promise<void>> {
    let handlers = this.handlers.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.handlers.set(channel, handlers);
      const client = await this.connection();
      await client.query(`LISTEN ${quoteIdent(channel)}`);
    }
    handlers.add(onNotify);
    return async () => {
      handlers.delete(onNotify);
    };
  }

  async notify(channel: string, payload = ''): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private connection(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async open(): Promise<Client> {
    const client = new Client({ connectionString: this.connectionString });
    client.on('notification', (message) => this.dispatch(message.channel, message.payload ?? ''));
    client.on('error', (error) => this.dropped(client, error));
    client.on('end', () => this.dropped(client, new Error('notification connection ended')));
    await client.connect();
    for (const channel of this.handlers.keys()) await client.query(`LISTEN ${quoteIdent(channel)}`);
    this.client = client;
    this.reconnectDelayMs = 100;
    return client;
  }

  private dropped(client: Client, error: Error): void {
    if (this.client !== client || this.closed) return;
    this.client = undefined;
    this.onError(error);
    client.end().catch(() => undefined);
    const retry = () => {
      if (this.closed) return;
      this.connection().then(
        () => {
          for (const channel of this.handlers.keys()) this.dispatch(channel, '');
        },
        () => {
          this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, 5_000);
          setTimeout(retry, this.reconnectDelayMs).unref();
        },
      );
    };
    setTimeout(retry, this.reconnectDelayMs).unref();
  }

  private dispatch(channel: string, payload: string): void {
    for (const handler of this.handlers.get(channel) ?? []) handler(payload);
  }
}
