import type { Database } from '../database/database';
import { PEER_TIMINGS, type PeerTimings } from '../database/listening-peers';
import type { PgLikePool } from '../database/pg-like-pool';
import { PgNotifications, type JoiningTimings } from '../database/pg-notifications';
import type { Notifications } from '../database/sql';
import type { Position } from '../event-store/position';
import { CreateReadModelChangeSignals1764350000100 } from '../migrations/1764350000100-create-read-model-change-signals';
import { CreateKeyedChangeSignals1764700000000 } from '../migrations/1764700000000-create-keyed-change-signals';
import { createTestDatabase, eventually, testServerUrl, type TestDatabase } from '../testing';
import { recordingStatements } from '../testing/recorded-statements';
import { CacheCoherence, HOLDERS_BEHIND } from './cache-coherence';
import { signalChangesOf } from './change-signal-triggers';
import { CoherentCache } from './coherent-cache';

const describePostgres = testServerUrl() ? describe : describe.skip;

const HOUR = 3_600_000;
/** Counted once, trusted all test long: what a count that missed a newcomer looks like to the counter. */
const COUNTED_ONCE: PeerTimings = { checkEveryMs: HOUR, trustForMs: HOUR };
const JOINS_AT_ONCE: JoiningTimings = { lastsMs: 0, recheckEveryMs: 10 };
const STILL_JOINING: JoiningTimings = { lastsMs: HOUR, recheckEveryMs: HOUR };
const WRITE: Position = { commit: 100n, prepare: 100n };
const WRITTEN = { position: WRITE, projections: ['tokens'] };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The same notifications, each handed to its handler `ms` late: a busy process, or a slow network.
 * Those still on their way when the test ends are dropped with it.
 */
function heardLate(notifications: Notifications, ms: number, late: Set<NodeJS.Timeout>): Notifications {
  const deliverLater = (deliver: () => void) => {
    const timer = setTimeout(() => {
      late.delete(timer);
      deliver();
    }, ms);
    late.add(timer);
  };
  return {
    listen: (channel, onNotify, options) => notifications.listen(channel, (payload) => deliverLater(() => onNotify(payload)), options),
    notify: (channel, payload) => notifications.notify(channel, payload),
    joined: () => notifications.joined(),
    heard: () => notifications.heard(),
    alone: () => notifications.alone(),
  };
}

describePostgres('a lone process’s writes wait for its own cache only (PostgreSQL)', () => {
  let test: TestDatabase;
  let database: Database;
  const stops: (() => Promise<void>)[] = [];
  const backgroundErrors: Error[] = [];
  const late = new Set<NodeJS.Timeout>();

  beforeEach(async () => {
    test = await createTestDatabase({ migrations: [CreateReadModelChangeSignals1764350000100, CreateKeyedChangeSignals1764700000000] }, 'postgres');
    database = test.database;
    await database.dataSource.runMigrations();
    await database.sql.query('CREATE TABLE keyed (id int PRIMARY KEY, token_hash text NOT NULL, revoked boolean NOT NULL DEFAULT false)');
    for (const statement of signalChangesOf('keyed', undefined, { prefix: 'token:', column: 'token_hash' })) await database.sql.query(statement);
    await database.sql.query("INSERT INTO keyed (id, token_hash) VALUES (1, 'one'), (2, 'two')");
  });

  afterEach(async () => {
    for (const timer of late) clearTimeout(timer);
    late.clear();
    for (const stop of stops.splice(0).reverse()) await stop();
    await test.dispose();
    expect(backgroundErrors.splice(0).map((error) => error.message)).toEqual([]);
  });

  /** A process: its own listener, its statements recorded, one holder with caches. */
  async function processOn(options: { peers?: PeerTimings; joining: JoiningTimings; heardLateMs?: number; heartbeatMs?: number; notifications?: Notifications }) {
    const onError = (error: Error) => backgroundErrors.push(error);
    const own = new PgNotifications(test.url!, database.pool as PgLikePool, onError, { peers: options.peers ?? PEER_TIMINGS, joining: options.joining });
    stops.push(() => own.close());
    const notifications = options.notifications ?? (options.heardLateMs ? heardLate(own, options.heardLateMs, late) : own);
    const sql = recordingStatements(database.sql);
    const coherence = new CacheCoherence(sql, notifications, { heartbeatMs: options.heartbeatMs ?? HOUR, leaseMs: HOUR, onError });
    await coherence.start();
    stops.push(() => coherence.stop());
    const cache = new CoherentCache<string>(coherence);
    return { notifications, own, coherence, cache, statements: sql.statements };
  }

  /** Whether the cache answers `key` from memory (a lookup would load 'reloaded'). */
  const holds = async (cache: CoherentCache<string>, key: string) => (await cache.get(key, async () => 'reloaded')) === key;
  const cacheKeys = async (cache: CoherentCache<string>, keys: readonly string[]) => {
    for (const key of keys) await cache.get(key, async () => key);
  };
  /**
   * Revokes token `hash` as a projection batch of `writer` would: the change and the counter read
   * in one transaction, the counter reported as the writer's own batch's.
   */
  async function revokeAsOwnBatch(writer: CacheCoherence, hash: string): Promise<void> {
    const [{ counter }] = await database.sql.query<{ counter: string }>(
      `UPDATE keyed SET revoked = true WHERE token_hash = '${hash}'; SELECT counter::text AS counter FROM read_model_changes`,
    );
    writer.ownBatches.committed(Number(counter));
  }
  /** A process that has counted no other listener, and no other holder, and leads the projection. */
  async function loneWriter(heardLateMs?: number) {
    const writer = await processOn({ peers: COUNTED_ONCE, joining: JOINS_AT_ONCE, heardLateMs });
    expect(await eventually(() => writer.notifications.alone(), Boolean)).toBe(true);
    expect(await eventually(() => writer.coherence.serving, Boolean)).toBe(true);
    writer.coherence.ownBatches.leading('tokens', null);
    return writer;
  }

  it('returns once its own holder has dropped the revoked entry, without a statement', async () => {
    const writer = await loneWriter(200);
    await cacheKeys(writer.cache, ['token:one', 'token:two']);
    await revokeAsOwnBatch(writer.coherence, 'one');
    const sentBefore = writer.statements.length;
    await expect(writer.coherence.awaitAcknowledged(WRITTEN)).resolves.toBe(true);
    expect(await holds(writer.cache, 'token:one')).toBe(false);
    expect(await holds(writer.cache, 'token:two')).toBe(true);
    expect(writer.statements.slice(sentBefore)).toEqual([]);
  });

  it('is not let go by an earlier change being heard: it returns once the change its write made is dropped', async () => {
    const writer = await loneWriter(200);
    await cacheKeys(writer.cache, ['token:one', 'token:two']);
    await revokeAsOwnBatch(writer.coherence, 'one');
    // The second change is heard a little after the first.
    await sleep(50);
    await revokeAsOwnBatch(writer.coherence, 'two');
    await expect(writer.coherence.awaitAcknowledged(WRITTEN)).resolves.toBe(true);
    expect(await holds(writer.cache, 'token:two')).toBe(false);
    expect(await holds(writer.cache, 'token:one')).toBe(false);
  });

  it('asks every holder when the write is older than its lead (an earlier leader made its read models)', async () => {
    const writer = await loneWriter();
    writer.coherence.ownBatches.leading('tokens', { commit: 200n, prepare: 200n });
    await revokeAsOwnBatch(writer.coherence, 'one');
    const sentBefore = writer.statements.length;
    await expect(writer.coherence.awaitAcknowledged(WRITTEN)).resolves.toBe(true);
    expect(writer.statements.slice(sentBefore)).toContain(HOLDERS_BEHIND);
  });

  it('a process that joins after the writer counted itself alone serves nothing from its cache, so the revoked token is not served there', async () => {
    const writer = await loneWriter();
    // Its notifications reach its handlers late: a cached entry would outlive the writer's reply.
    const joining = await processOn({ joining: STILL_JOINING, heardLateMs: 300 });
    expect(joining.coherence.serving).toBe(false);
    await cacheKeys(joining.cache, ['token:one']);
    await revokeAsOwnBatch(writer.coherence, 'one');
    const sentBefore = writer.statements.length;
    await expect(writer.coherence.awaitAcknowledged(WRITTEN)).resolves.toBe(true);
    // The writer did not wait for the newcomer: it had counted no one.
    expect(writer.statements.slice(sentBefore)).toEqual([]);
    expect(await holds(joining.cache, 'token:one')).toBe(false);
  });

  it('another listener counted since keeps the writer asking every holder, though its count of holders still says none', async () => {
    // The writer counts the listeners every 50 ms; its one count of the holders came before the other process.
    const writer = await processOn({ peers: { checkEveryMs: 50, trustForMs: 2_000 }, joining: JOINS_AT_ONCE });
    expect(await eventually(() => writer.notifications.alone(), Boolean)).toBe(true);
    writer.coherence.ownBatches.leading('tokens', null);
    await processOn({ joining: STILL_JOINING });
    expect(await eventually(() => writer.notifications.alone(), (alone) => !alone)).toBe(false);
    await revokeAsOwnBatch(writer.coherence, 'one');
    const sentBefore = writer.statements.length;
    await expect(writer.coherence.awaitAcknowledged(WRITTEN)).resolves.toBe(true);
    expect(writer.statements.slice(sentBefore)).toContain(HOLDERS_BEHIND);
  });

  it('a live holder whose listener is gone without its knowing keeps the writer asking every holder', async () => {
    // Deaf: it listens on no connection, yet believes itself heard; only its heartbeat reveals it.
    const deaf: Notifications = { listen: async () => async () => undefined, notify: async () => undefined, joined: async () => undefined, heard: () => true, alone: () => true };
    const unaware = await processOn({ joining: JOINS_AT_ONCE, notifications: deaf, heartbeatMs: 100 });
    await cacheKeys(unaware.cache, ['token:one']);
    const writer = await loneWriter();
    await revokeAsOwnBatch(writer.coherence, 'one');
    await expect(writer.coherence.awaitAcknowledged(WRITTEN)).resolves.toBe(true);
    expect(await holds(unaware.cache, 'token:one')).toBe(false);
  });

  it('alone, its holder acknowledges on its heartbeat, not at every change', async () => {
    const writer = await loneWriter();
    await cacheKeys(writer.cache, ['token:one']);
    const sentBefore = writer.statements.length;
    await revokeAsOwnBatch(writer.coherence, 'one');
    await expect(writer.coherence.awaitAcknowledged(WRITTEN)).resolves.toBe(true);
    await sleep(200);
    expect(writer.statements.slice(sentBefore)).toEqual([]);
  });
});
