import type { Database } from '../database/database';
import type { Notifications } from '../database/sql';
import { CreateReadModelChangeSignals1764350000100 } from '../migrations/1764350000100-create-read-model-change-signals';
import { CreateKeyedChangeSignals1764700000000 } from '../migrations/1764700000000-create-keyed-change-signals';
import { createTestDatabase, eventually, testServerUrl, type TestDatabase } from '../testing';
import { CacheCoherence, HEARTBEAT } from './cache-coherence';
import { signalChangesOf } from './change-signal-triggers';
import { CoherentCache } from './coherent-cache';

// Coherence exists only where several processes can share the database (PostgreSQL).
const describePostgres = testServerUrl() ? describe : describe.skip;

/**
 * Each holder here stands for a process among others, long joined: heard by all, never alone (the
 * lone process's shortcut has its own tests, lone-writer.int-spec.ts).
 */
const AMONG_OTHERS = { heard: () => true, alone: () => false };

/** A real LISTEN that never hears anything: a holder whose notification connection is gone. */
const deaf: Notifications = { listen: async () => async () => undefined, notify: async () => undefined, joined: async () => undefined, ...AMONG_OTHERS };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describePostgres('cache coherence across holders sharing one PostgreSQL database', () => {
  let test: TestDatabase;
  let database: Database;
  const holders: CacheCoherence[] = [];

  const holder = async (options: { deaf?: boolean; notifications?: Notifications; heartbeatMs?: number; leaseMs?: number; writerPauseMs?: { first: number; longest: number } } = {}) => {
    const shared: Notifications = {
      listen: (channel, onNotify, listenOptions) => database.notifications.listen(channel, onNotify, listenOptions),
      notify: (channel, payload) => database.notifications.notify(channel, payload),
      joined: () => database.notifications.joined(),
      ...AMONG_OTHERS,
      ...AMONG_OTHERS,
    };
    const coherence = new CacheCoherence(database.sql, options.deaf ? deaf : (options.notifications ?? shared), options);
    await coherence.start();
    holders.push(coherence);
    return coherence;
  };
  const filledCache = async (coherence: CacheCoherence) => {
    const cache = new CoherentCache<string>(coherence);
    await cache.get('k', async () => 'v');
    return cache;
  };
  const revoke = (id: number) => database.sql.query('UPDATE watched SET revoked = true WHERE id = $1', [id]);
  /** A table whose changes name their rows' cache keys: `token:` + token_hash. */
  const keyedTable = async (rows: number) => {
    await database.sql.query('CREATE TABLE keyed (id int PRIMARY KEY, token_hash text NOT NULL, revoked boolean NOT NULL DEFAULT false)');
    for (const statement of signalChangesOf('keyed', undefined, { prefix: 'token:', column: 'token_hash' })) await database.sql.query(statement);
    await database.sql.query("INSERT INTO keyed (id, token_hash) SELECT i, repeat(md5(i::text), 2) FROM generate_series(1, $1::int) AS i", [rows]);
    const [{ hashes }] = await database.sql.query<{ hashes: string[] }>('SELECT array_agg(token_hash ORDER BY id) AS hashes FROM keyed');
    return hashes.map((hash) => `token:${hash}`);
  };
  const revokeKeyed = (ids: number[]) => database.sql.query('UPDATE keyed SET revoked = true WHERE id = ANY($1::int[])', [ids]);
  /** A cache holding `keys`, each cached as its own name. */
  const cacheOf = async (coherence: CacheCoherence, keys: readonly string[]) => {
    const cache = new CoherentCache<string>(coherence);
    for (const key of keys) await cache.get(key, async () => key);
    return cache;
  };
  /** Whether the cache still answers `key` from memory (a lookup would otherwise load 'reloaded'). */
  const holds = async (cache: CoherentCache<string>, key: string) => (await cache.get(key, async () => 'reloaded')) === key;

  beforeEach(async () => {
    test = await createTestDatabase({ migrations: [CreateReadModelChangeSignals1764350000100, CreateKeyedChangeSignals1764700000000] });
    database = test.database;
    await database.dataSource.runMigrations();
    await database.sql.query('CREATE TABLE watched (id int PRIMARY KEY, revoked boolean NOT NULL DEFAULT false)');
    for (const statement of signalChangesOf('watched')) await database.sql.query(statement);
    await database.sql.query('INSERT INTO watched (id) SELECT generate_series(1, 5)');
  });

  afterEach(async () => {
    await Promise.all(holders.splice(0).map((h) => h.stop()));
    jest.restoreAllMocks();
    await test.dispose();
  });

  it('a change is dropped from every holder before the writer is told all have acknowledged it', async () => {
    const writer = await holder();
    const readers = await Promise.all([holder(), holder(), holder()]);
    const caches = await Promise.all(readers.map(filledCache));
    expect(caches.map((c) => c.size)).toEqual([1, 1, 1]);
    for (let i = 1; i <= 5; i++) {
      await revoke(i);
      await expect(writer.awaitAcknowledged()).resolves.toBe(true);
      expect(caches.map((c) => c.size)).toEqual([0, 0, 0]);
      await Promise.all(caches.map((c) => c.get('k', async () => 'v')));
    }
  });

  it('a writer looks again as soon as its own holder has acknowledged, not at the end of its pause', async () => {
    // Notifications held back until the test lets them through, and a minute between a writer's looks.
    let deliver: ((payload: string) => void) | undefined;
    let holding = true;
    const held: string[] = [];
    const heldBack: Notifications = {
      listen: (channel, onMessage, options) => {
        deliver = onMessage;
        return database.notifications.listen(channel, (payload) => (holding ? held.push(payload) : onMessage(payload)), options);
      },
      notify: (channel, payload) => database.notifications.notify(channel, payload),
      joined: () => database.notifications.joined(),
      ...AMONG_OTHERS,
    };
    // The writer's looks at the holders that have not acknowledged, counted once answered.
    let looks = 0;
    const query = database.sql.query.bind(database.sql);
    jest.spyOn(database.sql, 'query').mockImplementation(async (text, parameters) => {
      const rows = await query(text, parameters);
      if (text.includes('FROM read_model_cache_holders h')) looks++;
      return rows;
    });
    const only = await holder({ notifications: heldBack, writerPauseMs: { first: 60_000, longest: 60_000 } });
    const cache = await filledCache(only);
    await revoke(1);
    await eventually(() => held.length > 0, (seen) => seen, 10_000, 10);
    const acknowledged = only.awaitAcknowledged(undefined, 120_000);
    // Its first look finds the change unacknowledged; then it pauses for a minute, unless woken.
    await eventually(() => looks > 0, (seen) => seen, 10_000, 5);
    holding = false;
    for (const payload of held) deliver!(payload);
    const outcome = await Promise.race([acknowledged.then((ok) => (ok ? 'acknowledged' : 'gave up')), sleep(20_000).then(() => 'still pausing')]);
    expect(outcome).toBe('acknowledged');
    expect(await cache.get('k', async () => 'reloaded')).toBe('reloaded');
  });

  it('a change that names its rows drops only their entries, in every holder; a change that names none drops everything', async () => {
    const keys = await keyedTable(3);
    // No heartbeat during the test: one landing between a commit and its notification would see
    // the counter move unannounced and rightly drop everything.
    const quiet = { heartbeatMs: 60_000, leaseMs: 120_000 };
    const writer = await holder(quiet);
    const readers = await Promise.all([holder(quiet), holder(quiet)]);
    const caches = await Promise.all(readers.map((reader) => cacheOf(reader, [...keys, 'other'])));

    await revokeKeyed([1, 2]);
    await expect(writer.awaitAcknowledged()).resolves.toBe(true);

    expect(caches.map((cache) => cache.size)).toEqual([2, 2]);
    for (const cache of caches) {
      expect(await holds(cache, keys[2])).toBe(true);
      expect(await holds(cache, 'other')).toBe(true);
      expect(await holds(cache, keys[0])).toBe(false);
    }
    await revoke(1);
    await expect(writer.awaitAcknowledged()).resolves.toBe(true);
    expect(caches.map((cache) => cache.size)).toEqual([0, 0]);
  });

  it('a holder that missed a notification drops everything at the next one, even one that names its rows', async () => {
    const keys = await keyedTable(3);
    let loseNext = true;
    const lossy: Notifications = {
      listen: (channel, onNotify, options) =>
        database.notifications.listen(
          channel,
          (payload) => {
            if (loseNext && payload.includes(' ')) loseNext = false;
            else onNotify(payload);
          },
          options,
        ),
      notify: (channel, payload) => database.notifications.notify(channel, payload),
      joined: () => database.notifications.joined(),
      ...AMONG_OTHERS,
    };
    const writer = await holder();
    const missing = await holder({ notifications: lossy, heartbeatMs: 60_000, leaseMs: 120_000 });
    const cache = await cacheOf(missing, [...keys, 'other']);

    await revokeKeyed([1]);
    await revokeKeyed([2]);
    await expect(writer.awaitAcknowledged()).resolves.toBe(true);

    expect(loseNext).toBe(false);
    expect(cache.size).toBe(0);
  });

  it('a heartbeat that finds a change whose notification is still on its way waits for it, so a notification naming its rows drops only their entries', async () => {
    const keys = await keyedTable(2);
    const writer = await holder();
    // The reader's heartbeats, seen as they return, and its notifications, held back while `held` is set.
    let heartbeatFound = 0;
    const sql = new Proxy(database.sql, {
      get(target, property) {
        if (property !== 'query') return Reflect.get(target, property, target);
        return async (text: string, parameters?: unknown[]) => {
          const rows = await target.query<{ counter: string }>(text, parameters);
          if (text === HEARTBEAT) heartbeatFound = Number(rows[0].counter);
          return rows;
        };
      },
    });
    let held: string[] | undefined;
    let deliver: (payload: string) => void = () => undefined;
    const holding: Notifications = {
      listen: (channel, onNotify, options) => {
        deliver = onNotify;
        return database.notifications.listen(channel, (payload) => (held ? held.push(payload) : onNotify(payload)), options);
      },
      notify: (channel, payload) => database.notifications.notify(channel, payload),
      joined: () => database.notifications.joined(),
      ...AMONG_OTHERS,
    };
    const reader = new CacheCoherence(sql, holding);
    await reader.start();
    holders.push(reader);
    const cache = await cacheOf(reader, keys);

    held = [];
    await revokeKeyed([1]);
    const [{ counter }] = await database.sql.query<{ counter: string }>('SELECT counter FROM read_model_changes');
    // A heartbeat ran after the change committed, while its notification was held back.
    expect(await eventually(() => heartbeatFound, (found) => found >= Number(counter), 10_000, 5)).toBeGreaterThanOrEqual(Number(counter));
    expect(cache.size).toBe(2);

    const payloads: string[] = held;
    held = undefined;
    payloads.forEach((payload) => deliver(payload));
    await expect(writer.awaitAcknowledged()).resolves.toBe(true);
    expect(cache.size).toBe(1);
    expect(await holds(cache, keys[1])).toBe(true);
  });

  it('a change naming more rows than a notification carries drops everything', async () => {
    const keys = await keyedTable(150);
    const writer = await holder();
    const cache = await cacheOf(await holder(), [...keys, 'other']);

    await revokeKeyed([1, ...Array.from({ length: 120 }, (_, i) => i + 2)]);
    await expect(writer.awaitAcknowledged()).resolves.toBe(true);

    expect(cache.size).toBe(0);
  });

  it('an update that changes no row signals nothing and keeps caches', async () => {
    const reader = await holder();
    const cache = await filledCache(reader);
    const counter = async () => (await database.sql.query<{ counter: string }>('SELECT counter FROM read_model_changes'))[0].counter;
    const before = await counter();
    await database.sql.query('UPDATE watched SET revoked = true WHERE id = 999');
    // The counter is bumped in the changing statement's transaction: it tells at once. The sleep
    // gives a notification, had there been one, time to arrive.
    expect(await counter()).toBe(before);
    await sleep(100);
    expect(cache.size).toBe(1);
    expect(reader.serving).toBe(true);
  });

  it('a holder that missed the notification drops its cache at its next heartbeat, and the writer waits for it', async () => {
    const writer = await holder();
    const missed = await holder({ deaf: true, heartbeatMs: 200 });
    const cache = await filledCache(missed);
    await revoke(1);
    // It never hears the NOTIFY: only its heartbeat can have dropped the cache and acknowledged.
    await expect(writer.awaitAcknowledged()).resolves.toBe(true);
    expect(cache.size).toBe(0);
  });

  it('a holder that cannot renew its lease stops serving from cache; the writer gives up on it only after the lease ran out', async () => {
    const writer = await holder();
    const silent = await holder({ deaf: true, heartbeatMs: 60_000, leaseMs: 400 });
    const cache = await filledCache(silent);
    await revoke(1);
    const started = Date.now();
    await expect(writer.awaitAcknowledged(undefined, 600)).resolves.toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(silent.serving).toBe(false);
    // The stale entry is still in memory, but a lookup no longer returns it.
    expect(await cache.get('k', async () => 'fresh')).toBe('fresh');
  });

  it('a lookup that began before a drop does not store its older answer', async () => {
    const reader = await holder();
    const cache = new CoherentCache<string>(reader);
    let finishLoad!: (value: string) => void;
    const pending = cache.get('k', () => new Promise<string>((resolve) => (finishLoad = resolve)));
    await revoke(1);
    await holders[0].awaitAcknowledged();
    finishLoad('stale');
    expect(await pending).toBe('stale');
    expect(cache.size).toBe(0);
  });

  it('a stopped holder leaves the registry, so writers do not wait for it', async () => {
    const writer = await holder();
    const leaving = await holder({ deaf: true, heartbeatMs: 60_000 });
    await leaving.stop();
    await revoke(1);
    // A holder that had not left would count as live for minutes yet: the wait would give up.
    await expect(writer.awaitAcknowledged(undefined, 10_000)).resolves.toBe(true);
  });

  it('a holder stopped while a heartbeat is under way lets it finish first, and sends nothing after its stop returned', async () => {
    const sent: string[] = [];
    let held: (() => void) | undefined;
    let holding = false;
    const sql = new Proxy(database.sql, {
      get(target, property) {
        if (property !== 'query') return Reflect.get(target, property, target);
        return async (text: string, parameters?: unknown[]) => {
          if (holding && text === HEARTBEAT) await new Promise<void>((resolve) => (held = resolve));
          sent.push(text);
          return target.query(text, parameters);
        };
      },
    });
    const stopping = new CacheCoherence(sql, deaf, { heartbeatMs: 50 });
    await stopping.start();
    holding = true;
    expect(await eventually(() => held !== undefined, Boolean)).toBe(true);
    const stopped = stopping.stop();
    setTimeout(() => held!(), 10);
    await stopped;
    const sentByStop = sent.length;
    await sleep(200);
    expect(sent.slice(sentByStop)).toEqual([]);
    expect(sent[sentByStop - 1]).toContain('DELETE FROM read_model_cache_holders');
  });
});
