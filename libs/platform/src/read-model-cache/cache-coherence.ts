import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Notifications, SqlDatabase } from '../database/sql';
import type { Position } from '../event-store/position';
import { WakeSignal } from '../event-store/wake-signal';
import { Waiters } from '../event-store/waiters';
import { OwnBatchChanges } from './own-batch-changes';
import { SharedFreshRead } from './shared-fresh-read';

export const READ_MODEL_CHANGED_CHANNEL = 'read_model_changed';

/** A writer asking every holder: the counter, and how many live holders ($1 s) have not acknowledged it. */
export const HOLDERS_BEHIND = `SELECT c.counter, (SELECT count(*)::int FROM read_model_cache_holders h
  WHERE h.acknowledged < c.counter AND h.heartbeat_at > now() - make_interval(secs => $1)) AS behind
FROM read_model_changes c`;

/** A holder's heartbeat: the counter, and how many other holders ($1 is this one) are live ($2 s). */
export const HEARTBEAT = `SELECT c.counter, (SELECT count(*)::int FROM read_model_cache_holders h
  WHERE h.holder_id <> $1 AND h.heartbeat_at > now() - make_interval(secs => $2)) AS others
FROM read_model_changes c`;

export interface CacheCoherenceOptions {
  /** How often the holder proves it is current; also how soon a missed NOTIFY is noticed. */
  heartbeatMs?: number;
  /** How long after a heartbeat's query was sent cached rows may be served without another. */
  leaseMs?: number;
  /** A waiting writer's pauses between looks: the first, doubled up to the longest (2 and 50 ms). */
  writerPauseMs?: { readonly first: number; readonly longest: number };
  onError?: (error: Error) => void;
}

/**
 * Keeps every process's caches of read-model rows coherent with the database, so a cache can
 * answer without a query while a change (a revoked token, say) still bites on the very next
 * request on every process.
 *
 * Protocol. Triggers bump a committed counter and NOTIFY it (change-signal-triggers.ts). Each
 * process is a registered holder: on a notification it first drops its cached rows, then
 * acknowledges the counter. A notification that names the changed rows' cache keys drops only
 * those entries, provided it carries the very next counter; after a gap (a notification lost with
 * a dropped connection) everything is dropped, as for a notification that names no keys. A
 * heartbeat re-reads the counter and renews a lease; without a fresh lease the holder serves
 * nothing from cache. Changes a heartbeat finds not yet notified are mostly in flight (committed,
 * their notification on its way), so it drops everything only for changes the heartbeat before it
 * had already found and that are still not notified: those were lost. A write's reply
 * waits (`awaitAcknowledged`) until every live holder has acknowledged the counter as it stands
 * after the write's read models were updated, or until any holder that did not answer has lost
 * its lease.
 *
 * A lone process (no other listener, no other live holder) skips the shared query: when its own
 * batches made the write's read models (OwnBatchChanges), the write waits only until this holder
 * has seen the counter those batches reached, and the holder acknowledges on its heartbeat only.
 * Another process cannot hold a stale entry meanwhile: its cache serves nothing until its
 * listener has been connected longer than any count that missed it is trusted (`heard`), and a
 * holder whose listener connection is gone without its knowing still heartbeats, and is counted.
 */
export class CacheCoherence {
  readonly holderId = randomUUID();
  private seen = 0;
  /** What the last heartbeat found the counter at, when that was ahead of `seen`. */
  private aheadAtLastHeartbeat = 0;
  private servingUntil = 0;
  private acknowledgedByAll = 0;
  private readonly invalidators = new Set<Invalidator>();
  private heartbeatTimer: NodeJS.Timeout | undefined;
  /** The heartbeat under way, if any (one at a time). */
  private beating: Promise<void> | undefined;
  private heartbeats = 0;
  private acking: Promise<void> | undefined;
  private ackAgain = false;
  private unlisten: (() => Promise<void>) | undefined;
  /** Each acknowledgement this holder has written. */
  private readonly acknowledgedHere = new WakeSignal();
  /** Writers waiting for `seen` to reach a counter: each is settled by the advance that gets there, no other wakes it. */
  private readonly seenWaiters = new Waiters<number>();
  /** A change seen while alone and not yet acknowledged (the heartbeat or a waiting writer will). */
  private acknowledgementOwed = false;
  /** Writers of this process waiting for every holder's acknowledgement (this one's included). */
  private writersAskingAll = 0;
  /** What the last heartbeat found of other live holders, and when it asked. */
  private otherHolders: { count: number; askedAt: number } | undefined;
  /** What this process's own projection batches did to the counter (ProjectionRunner fills it in). */
  readonly ownBatches = new OwnBatchChanges();
  private readonly heartbeatMs: number;
  readonly leaseMs: number;
  /** The counter and how many live holders have not acknowledged it; one query per round for all waiting writers. */
  private readonly unacknowledged = new SharedFreshRead(async () => {
    const [row] = await this.sql.query<{ counter: string; behind: number }>(HOLDERS_BEHIND, [this.liveSeconds]);
    return row;
  });

  constructor(
    private readonly sql: SqlDatabase,
    private readonly notifications: Notifications,
    private readonly options: CacheCoherenceOptions = {},
  ) {
    this.heartbeatMs = options.heartbeatMs ?? 1_000;
    this.leaseMs = options.leaseMs ?? 3_000;
  }

  /** How long after its last heartbeat a holder counts as live. */
  private get liveSeconds(): number {
    return (this.leaseMs + 2 * this.heartbeatMs) / 1_000;
  }

  async start(): Promise<void> {
    this.unlisten = await this.notifications.listen(READ_MODEL_CHANGED_CHANNEL, (payload) => this.received(payload), { fromDatabaseOnly: true });
    await this.heartbeat(true);
    this.heartbeatTimer = setInterval(() => {
      this.beating ??= this.heartbeat(false)
        .catch((error: Error) => this.options.onError?.(error))
        .finally(() => (this.beating = undefined));
    }, this.heartbeatMs);
    this.heartbeatTimer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.heartbeatTimer);
    this.servingUntil = 0;
    // A heartbeat under way finishes first, so that a stopped holder sends nothing more; but not
    // for long (the database may be down, and a stop must not hang on it).
    if (this.beating) await Promise.race([this.beating, new Promise((resolve) => setTimeout(resolve, this.heartbeatMs).unref())]);
    await this.unlisten?.();
    await this.sql.query('DELETE FROM read_model_cache_holders WHERE holder_id = $1', [this.holderId]).catch(() => undefined);
  }

  /**
   * Whether cached rows may be served now: the lease is fresh, and every other process hears of
   * this one (a lone writer elsewhere waits for nobody's acknowledgement but its own).
   */
  get serving(): boolean {
    return performance.now() < this.servingUntil && this.notifications.heard();
  }

  /**
   * No other process can hold cached rows: no other listener (a count begun less than its trust
   * ago) and no other live holder (the last heartbeat, begun less than two beats ago).
   */
  private alone(): boolean {
    const holders = this.otherHolders;
    return holders !== undefined && holders.count === 0 && performance.now() - holders.askedAt < 2 * this.heartbeatMs && this.notifications.alone();
  }

  /**
   * Registers a cache's drop: of the entries with the keys given, or of everything when there are
   * none. Called before any change is acknowledged.
   */
  onInvalidate(invalidate: Invalidator): () => void {
    this.invalidators.add(invalidate);
    return () => this.invalidators.delete(invalidate);
  }

  /**
   * Resolves true once every live holder has dropped what the committed changes so far made
   * stale; false if the bound passed first (by then a silent holder's lease has run out).
   * `written`: the write's position and the projections that have reached it; a lone process whose
   * own batches made them waits only for its own holder (see the class).
   */
  async awaitAcknowledged(written?: WrittenReadModels, timeoutMs = this.leaseMs + 1_000): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    if (written && this.alone()) {
      const counter = this.ownBatches.counterCovering(written.position, written.projections);
      if (counter !== undefined) return this.seenReaches(counter, deadline);
    }
    this.writersAskingAll++;
    try {
      if (this.acknowledgementOwed) void this.acknowledge().catch((error: Error) => this.options.onError?.(error));
      return await this.awaitAllAcknowledged(deadline);
    } finally {
      this.writersAskingAll--;
    }
  }

  private async awaitAllAcknowledged(deadline: number): Promise<boolean> {
    const { first, longest } = this.options.writerPauseMs ?? { first: 2, longest: 50 };
    for (let pause = first; ; pause = Math.min(pause * 2, longest)) {
      const acknowledgements = this.acknowledgedHere.current;
      const row = await this.unacknowledged.run();
      const counter = Number(row.counter);
      if (counter <= this.acknowledgedByAll) return true;
      if (row.behind === 0) {
        this.acknowledgedByAll = Math.max(this.acknowledgedByAll, counter);
        return true;
      }
      if (performance.now() >= deadline) return false;
      // This holder's own acknowledgement is the one a writer waits for most (with one process,
      // the only one): look again as soon as it is written, not at the end of the pause.
      await this.acknowledgedHere.wait(acknowledgements, pause);
    }
  }

  private seenReaches(counter: number, deadline: number): Promise<boolean> {
    if (this.seen >= counter) return Promise.resolve(true);
    const left = deadline - performance.now();
    if (left <= 0) return Promise.resolve(false);
    return this.seenWaiters.wait(counter, left);
  }

  private received(payload: string): void {
    const { counter, keys } = parseSignal(payload);
    // An empty payload follows a reconnect: changes may have been missed, so re-check at once.
    if (counter === undefined) {
      this.invalidate();
      void this.heartbeat(true).catch((error: Error) => this.options.onError?.(error));
      return;
    }
    if (counter <= this.seen) return;
    this.invalidate(counter === this.seen + 1 ? keys : undefined);
    this.advanceSeen(counter);
    // Alone, no writer asks the holders (this process's writers wait for `seen`): the heartbeat
    // acknowledges, within a beat.
    if (this.alone() && this.writersAskingAll === 0) this.acknowledgementOwed = true;
    else void this.acknowledge().catch((error: Error) => this.options.onError?.(error));
  }

  private advanceSeen(counter: number): void {
    this.seen = counter;
    this.seenWaiters.settle((awaited) => counter >= awaited);
  }

  /**
   * `adopt`: everything is (being) dropped anyway, at start or after a reconnect, so the counter is
   * taken as seen at once. Otherwise a change found ahead of `seen` waits one more heartbeat for
   * its notification, which may name the only entries to drop: under steady writes nearly every
   * heartbeat finds one in flight, and dropping everything each time would empty the caches every
   * second. Until it is acknowledged, writers wait; two heartbeats are well inside their bound.
   */
  private async heartbeat(adopt: boolean): Promise<void> {
    const sentAt = performance.now();
    const [row] = await this.sql.query<{ counter: string; others: number }>(HEARTBEAT, [this.holderId, this.liveSeconds]);
    this.otherHolders = { count: row.others, askedAt: sentAt };
    const counter = Number(row.counter);
    if (counter > this.seen && (adopt || this.aheadAtLastHeartbeat > this.seen)) {
      this.invalidate();
      this.advanceSeen(counter);
    }
    this.aheadAtLastHeartbeat = counter > this.seen ? counter : 0;
    await this.acknowledge();
    this.servingUntil = sentAt + this.leaseMs;
    if (++this.heartbeats % 60 === 0) {
      // Holders that died without saying so stop counting after the live window; forget them later.
      await this.sql.query("DELETE FROM read_model_cache_holders WHERE heartbeat_at < now() - interval '1 hour'");
    }
  }

  /** Writes `seen` as acknowledged; concurrent calls coalesce into at most one more write. */
  private async acknowledge(): Promise<void> {
    if (this.acking) {
      this.ackAgain = true;
      return this.acking;
    }
    this.acking = (async () => {
      do {
        this.ackAgain = false;
        this.acknowledgementOwed = false;
        await this.sql.query(
          `INSERT INTO read_model_cache_holders (holder_id, acknowledged, heartbeat_at) VALUES ($1, $2, now())
           ON CONFLICT (holder_id) DO UPDATE SET acknowledged = GREATEST(read_model_cache_holders.acknowledged, EXCLUDED.acknowledged), heartbeat_at = now()`,
          [this.holderId, this.seen],
        );
        this.acknowledgedHere.notify();
      } while (this.ackAgain);
    })().finally(() => (this.acking = undefined));
    return this.acking;
  }

  private invalidate(keys?: readonly string[]): void {
    for (const invalidate of this.invalidators) invalidate(keys);
  }
}

/** A write's position, and the projections (all of those its reply waits for) that have reached it. */
export interface WrittenReadModels {
  readonly position: Position;
  readonly projections: readonly string[];
}

/** A cache's drop: the entries with these keys, or everything when `keys` is undefined. */
export type Invalidator = (keys?: readonly string[]) => void;

/** `<counter>` or `<counter> <key>,<key>...` (see signal_read_model_change_of_keys). */
function parseSignal(payload: string): { counter?: number; keys?: string[] } {
  const space = payload.indexOf(' ');
  const counter = Number(space < 0 ? payload : payload.slice(0, space));
  if (!payload || !Number.isSafeInteger(counter)) return {};
  return space < 0 ? { counter } : { counter, keys: payload.slice(space + 1).split(',') };
}
