import { Client } from 'pg';
import { PostgresEventStore } from '../event-store/postgres/postgres-event-store';
import { testEvent, uniqueStream } from '../testing/event-factory';
import { withTimeout } from '../testing/event-store.contract';
import { createTestDatabase, testServerUrl, type TestDatabase } from '../testing/test-database';
import { eventually } from '../testing/eventually';
import { LISTENER_APPLICATION_NAME, PEER_TIMINGS, type PeerTimings } from './listening-peers';
import { JOINING_TIMINGS, PgNotifications, type JoiningTimings } from './pg-notifications';
import type { PgLikePool } from './pg-like-pool';

const describeOnServer = testServerUrl() ? describe : describe.skip;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the timings of peers and joining', () => {
  it('a joining process re-checks for longer than another trusts a count that missed it', () => {
    // Its last re-check comes at least `lastsMs - recheckEveryMs` after its listener connected.
    expect(JOINING_TIMINGS.lastsMs - JOINING_TIMINGS.recheckEveryMs).toBeGreaterThan(PEER_TIMINGS.trustForMs);
  });
});

describeOnServer('notifications between processes (PostgreSQL)', () => {
  let test: TestDatabase;
  const opened: PgNotifications[] = [];
  const clients: Client[] = [];
  /** What the processes reported in the background (a failed count, a failed handler): nothing, in every test. */
  const backgroundErrors: Error[] = [];

  beforeEach(async () => {
    test = await createTestDatabase({}, 'postgres');
  });
  afterEach(async () => {
    for (const notifications of opened.splice(0)) await notifications.close();
    for (const client of clients.splice(0)) await client.end();
    await test.dispose();
    expect(backgroundErrors.splice(0).map((error) => error.message)).toEqual([]);
  });

  /** A process's notifications, with the NOTIFY statements it sends recorded. */
  function processOn(timings?: { peers: PeerTimings; joining: JoiningTimings }) {
    const pool = test.database.pool as PgLikePool;
    const notifyStatements: unknown[][] = [];
    const recording = {
      query: (...args: unknown[]) => {
        if (typeof args[0] === 'string' && args[0].includes('pg_notify')) notifyStatements.push(args[1] as unknown[]);
        return (pool.query as (...a: unknown[]) => ReturnType<PgLikePool['query']>)(...args);
      },
      connect: () => pool.connect(),
    } as PgLikePool;
    const notifications = new PgNotifications(test.url!, recording, (error) => backgroundErrors.push(error), timings);
    opened.push(notifications);
    return { notifications, notifyStatements };
  }

  /** A plain LISTEN connection, not named as the service's listeners are: it hears what goes through the server. */
  async function serverSide(channel: string): Promise<string[]> {
    const client = new Client({ connectionString: test.url });
    await client.connect();
    clients.push(client);
    const heard: string[] = [];
    client.on('notification', (message) => heard.push(message.payload ?? ''));
    await client.query(`LISTEN ${channel}`);
    return heard;
  }

  /** Handlers' payloads, without the empty re-checks of a joining process. */
  function hearing(notifications: PgNotifications, channel: string): Promise<string[]> {
    const heard: string[] = [];
    return notifications.listen(channel, (payload) => payload && heard.push(payload)).then(() => heard);
  }

  it('given no other process listens, a notification reaches its own handlers and not the server', async () => {
    const alone = processOn();
    const own = await hearing(alone.notifications, 'wakes');
    await alone.notifications.joined();
    // The first notification goes to the server: nothing has been counted yet. It starts the count.
    await alone.notifications.notify('wakes', 'before the count');
    await sleep(500);
    await alone.notifications.notify('wakes', 'counted alone');
    await sleep(300);
    expect(own).toEqual(['before the count', 'counted alone']);
    expect(alone.notifyStatements).toEqual([[['wakes'], ['before the count']]]);
  });

  it('a connection that listens under another name (a process of an earlier version) counts as another process', async () => {
    const server = await serverSide('wakes');
    const sender = processOn();
    await sender.notifications.notify('wakes', 'starts the count');
    await sleep(500);
    await sender.notifications.notify('wakes', 'counted');
    await sleep(300);
    expect(server).toEqual(['starts the count', 'counted']);
  });

  it('given another process listens, notifications go through the server, those asked for meanwhile in one statement', async () => {
    const server = await serverSide('wakes');
    const other = processOn();
    const heardThere = await hearing(other.notifications, 'wakes');
    const advancesThere = await hearing(other.notifications, 'advances');
    const sender = processOn();
    await sender.notifications.notify('wakes', 'first');
    await sleep(300);
    // One statement in flight; the two after it wait for it and go together.
    await Promise.all([
      sender.notifications.notify('wakes', 'second'),
      sender.notifications.notify('advances', 'a|1|2'),
      sender.notifications.notify('wakes', 'third'),
    ]);
    await sleep(300);
    expect(heardThere).toEqual(['first', 'second', 'third']);
    expect(advancesThere).toEqual(['a|1|2']);
    expect(server).toEqual(['first', 'second', 'third']);
    expect(sender.notifyStatements).toEqual([
      [['wakes'], ['first']],
      [['wakes'], ['second']],
      [['advances', 'wakes'], ['a|1|2', 'third']],
    ]);
  });

  it('a count of no other listener is trusted only for a while', async () => {
    // Counted once and never again: only the count's age decides.
    const alone = processOn({ peers: { checkEveryMs: 3_600_000, trustForMs: 1_500 }, joining: JOINING_TIMINGS });
    await alone.notifications.notify('wakes', 'starts the count');
    await sleep(500);
    await alone.notifications.notify('wakes', 'while trusted');
    await sleep(1_200);
    await alone.notifications.notify('wakes', 'after the trust');
    await sleep(300);
    expect(alone.notifyStatements).toEqual([
      [['wakes'], ['starts the count']],
      [['wakes'], ['after the trust']],
    ]);
  });

  it('a process whose listener has just connected re-checks for a while, except on channels notified from the database', async () => {
    const joining = processOn({ peers: PEER_TIMINGS, joining: { lastsMs: 600, recheckEveryMs: 50 } });
    const rechecks = { events: 0, fromDatabase: 0 };
    await joining.notifications.listen('events', (payload) => payload === '' && rechecks.events++);
    await joining.notifications.listen('changes', (payload) => payload === '' && rechecks.fromDatabase++, { fromDatabaseOnly: true });
    await withTimeout(joining.notifications.joined(), 5_000);
    const duringTheWindow = rechecks.events;
    await sleep(300);
    expect(duringTheWindow).toBeGreaterThanOrEqual(5);
    expect(rechecks.events).toBe(duringTheWindow);
    expect(rechecks.fromDatabase).toBe(0);
  });

  it('is heard only once its listener has been connected for the joining window, and not while the listener is down', async () => {
    const joining = processOn({ peers: PEER_TIMINGS, joining: { lastsMs: 400, recheckEveryMs: 20 } });
    expect(joining.notifications.heard()).toBe(false);
    await joining.notifications.listen('changes', () => undefined, { fromDatabaseOnly: true });
    expect(joining.notifications.heard()).toBe(false);
    await withTimeout(joining.notifications.joined(), 5_000);
    expect(joining.notifications.heard()).toBe(true);
    await test.database.sql.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1', [LISTENER_APPLICATION_NAME]);
    expect(await eventually(() => joining.notifications.heard(), (heard) => !heard, 10_000, 1)).toBe(false);
    const downAt = performance.now();
    // Reconnected, it joins again: not heard until the window has passed once more.
    expect(await eventually(() => joining.notifications.heard(), (heard) => heard, 10_000, 5)).toBe(true);
    expect(performance.now() - downAt).toBeGreaterThanOrEqual(400);
    // The dropped connection was reported, as it should be; nothing else was.
    expect(backgroundErrors.splice(0).length).toBeGreaterThan(0);
  });

  it("given a process counted itself alone, one that starts right after still has its appends at once, not at its idle re-read", async () => {
    // It counts once, at its first append, and trusts the count for the whole test.
    const first = processOn({ peers: { checkEveryMs: 3_600_000, trustForMs: 3_600_000 }, joining: JOINING_TIMINGS });
    const writer = await PostgresEventStore.open({ sql: test.database.sql, notifications: first.notifications });
    await writer.appendToStream(uniqueStream('counting'), [testEvent('StartsTheCount')], { expectedRevision: 'no_stream' });
    await sleep(500);
    // A second process: its listener connects now, after the first one's count.
    const second = processOn();
    const reader = await PostgresEventStore.open({ sql: test.database.sql, notifications: second.notifications });
    const subscription = reader.subscribeToAll({ after: await reader.headPosition() });
    const arrived = (async () => {
      for await (const batch of subscription) if (batch.some((event) => event.type === 'AppendedUncounted')) return performance.now();
      return undefined;
    })();
    await sleep(100);
    const statementsBefore = first.notifyStatements.length;
    const appendedAt = performance.now();
    await writer.appendToStream(uniqueStream('uncounted'), [testEvent('AppendedUncounted')], { expectedRevision: 'no_stream' });
    // The subscription's re-read when idle comes after 30 s: the re-checks bring the event well before.
    const arrivedAt = await withTimeout(arrived, 5_000);
    expect(first.notifyStatements.length).toBe(statementsBefore);
    expect(arrivedAt! - appendedAt).toBeLessThan(1_000);
    await subscription.close();
    await writer.close();
    await reader.close();
  });
});
