import { Client } from 'pg';
import type { ListenOptions, Notifications } from './sql';
import type { PgLikePool } from './pg-like-pool';
import { quoteIdent } from './quote-ident';
import { LISTENER_APPLICATION_NAME, ListeningPeers, PEER_TIMINGS, type PeerTimings } from './listening-peers';
import { NotificationBatches } from './notification-batches';

type Handler = (payload: string) => void;

interface Listener {
  readonly onNotify: Handler;
  readonly rechecks: boolean;
}

export interface JoiningTimings {
  /** How long after its listener connects a process re-checks on its own; longer than a peer count is trusted. */
  readonly lastsMs: number;
  readonly recheckEveryMs: number;
}

export const JOINING_TIMINGS: JoiningTimings = { lastsMs: PEER_TIMINGS.trustForMs + 500, recheckEveryMs: 100 };

/**
 * LISTEN/NOTIFY over one dedicated connection, reconnected with backoff when it drops. After a
 * reconnect every handler is called once with an empty payload: notifications sent while the
 * connection was down are lost, so listeners re-check their source.
 *
 * A notification goes through the server only when another process listens (ListeningPeers);
 * alone, a process hands it to its own handlers. The others may not have counted a process whose
 * listener has just connected, and so may not notify it yet: for a while after connecting, its
 * handlers are called with an empty payload every `recheckEveryMs` (not those listening with
 * `fromDatabaseOnly`, whose notifications come from statements, never from notify()).
 */
export class PgNotifications implements Notifications {
  private readonly handlers = new Map<string, Set<Listener>>();
  private readonly batches: NotificationBatches;
  private readonly peers: ListeningPeers;
  private client: Client | undefined;
  private connecting: Promise<Client> | undefined;
  private closed = false;
  private reconnectDelayMs = 100;
  private joiningTimer: NodeJS.Timeout | undefined;
  private endJoining: () => void = () => undefined;
  private joining: Promise<void> = Promise.resolve();

  constructor(
    private readonly connectionString: string,
    pool: PgLikePool,
    private readonly onError: (error: Error) => void = () => undefined,
    private readonly timings: { peers: PeerTimings; joining: JoiningTimings } = { peers: PEER_TIMINGS, joining: JOINING_TIMINGS },
  ) {
    this.batches = new NotificationBatches(pool);
    // pg's Client has its backend's pid (BackendKeyData) without declaring it.
    this.peers = new ListeningPeers(pool, () => (this.client as { processID?: number } | undefined)?.processID ?? undefined, timings.peers, onError);
  }

  async listen(channel: string, onNotify: Handler, options: ListenOptions = {}): Promise<() => Promise<void>> {
    let handlers = this.handlers.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.handlers.set(channel, handlers);
      const client = await this.connection();
      await client.query(`LISTEN ${quoteIdent(channel)}`);
    }
    const listener: Listener = { onNotify, rechecks: !options.fromDatabaseOnly };
    handlers.add(listener);
    return async () => {
      handlers.delete(listener);
    };
  }

  async notify(channel: string, payload = ''): Promise<void> {
    if (this.alone()) {
      // Delivered after the current tick, as the server's would come after the commit.
      setImmediate(() => this.dispatch(channel, payload));
      return;
    }
    await this.batches.send(channel, payload);
  }

  /** Settles when this process's listener has been connected long enough for every other process to count it. */
  joined(): Promise<void> {
    return this.joining;
  }

  /** Connected, and past the joining window: every other process's count now includes this one. */
  heard(): boolean {
    return this.client !== undefined && this.joiningTimer === undefined;
  }

  alone(): boolean {
    return this.peers.alone;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.peers.stop();
    this.stopJoining();
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
    const client = new Client({ connectionString: this.connectionString, application_name: LISTENER_APPLICATION_NAME });
    client.on('notification', (message) => this.dispatch(message.channel, message.payload ?? ''));
    client.on('error', (error) => this.dropped(client, error));
    client.on('end', () => this.dropped(client, new Error('notification connection ended')));
    await client.connect();
    for (const channel of this.handlers.keys()) await client.query(`LISTEN ${quoteIdent(channel)}`);
    this.client = client;
    this.reconnectDelayMs = 100;
    this.startJoining();
    return client;
  }

  private startJoining(): void {
    this.stopJoining();
    const { lastsMs, recheckEveryMs } = this.timings.joining;
    const until = performance.now() + lastsMs;
    this.joining = new Promise((resolve) => (this.endJoining = resolve));
    this.joiningTimer = setInterval(() => {
      if (performance.now() >= until) return this.stopJoining();
      for (const [channel, handlers] of this.handlers) for (const listener of handlers) if (listener.rechecks) this.call(listener, channel, '');
    }, recheckEveryMs);
    this.joiningTimer.unref();
  }

  private stopJoining(): void {
    clearInterval(this.joiningTimer);
    this.joiningTimer = undefined;
    this.endJoining();
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
    for (const listener of this.handlers.get(channel) ?? []) this.call(listener, channel, payload);
  }

  private call(listener: Listener, channel: string, payload: string): void {
    try {
      listener.onNotify(payload);
    } catch (error) {
      this.onError(new Error(`a handler of '${channel}' failed: ${(error as Error).message}`));
    }
  }
}
