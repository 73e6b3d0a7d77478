import { performance } from 'node:perf_hooks';
import type { CacheCoherence } from './cache-coherence';

export interface CoherentCacheOptions {
  /** Entries older than this are looked up again even when nothing signalled a change. */
  ttlMs?: number;
  maxEntries?: number;
  /** Milliseconds since an arbitrary start (performance.now by default). */
  clock?: () => number;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
  /** A lookup renewing the entry in the background is under way. */
  renewing?: boolean;
}

/**
 * Each entry lives between 75% and 100% of the TTL. Entries loaded together (every credential a
 * busy process meets in its first seconds) would otherwise all expire together, and again a TTL
 * later: a burst of renewals at once instead of a trickle.
 */
const TTL_SPREAD = 0.25;

/**
 * An entry past its TTL by less than this share of it is still served, while one lookup renews it
 * in the background: a hot entry is then never waited for, where a lookup on the request's path
 * costs it one more turn of a busy event loop per await (before: p99 50-100 ms instead of 30 in
 * the read benchmark's rounds with expiries). The TTL only bounds how long a lost change signal could go
 * unnoticed; a signalled change still drops the entry at once.
 */
const RENEW_WINDOW = 0.25;

export type CacheLookup = 'hit' | 'miss';

/**
 * A per-process cache of values derived from read-model rows, dropped whenever a watched row
 * changes (see CacheCoherence). Without coherence (the embedded database, or a lapsed lease) it
 * answers every lookup from the loader. Only found values are cached: a value a loader did not
 * find is looked up again next time, so nothing new is ever hidden.
 */
export class CoherentCache<V> {
  private entries = new Map<string, Entry<V>>();
  /** Bumped on every drop of everything: a load that began before it must not store its older answer. */
  private generation = 0;
  /** Keys being looked up, and whether a drop of the key came since the first of those lookups began. */
  private readonly loading = new Map<string, { lookups: number; dropped: boolean }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly clock: () => number;

  constructor(
    private readonly coherence: CacheCoherence | undefined,
    options: CoherentCacheOptions = {},
    private readonly onLookup: (outcome: CacheLookup) => void = () => undefined,
  ) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 100_000;
    this.clock = options.clock ?? (() => performance.now());
    coherence?.onInvalidate((keys) => (keys ? this.drop(keys) : this.clear()));
  }

  async get(key: string, load: () => Promise<V | null>, stillValid: (value: V) => boolean = () => true): Promise<V | null> {
    const serving = this.coherence?.serving ?? false;
    const entry = serving ? this.entries.get(key) : undefined;
    if (entry && stillValid(entry.value)) {
      const now = this.clock();
      if (now < entry.expiresAt) {
        this.onLookup('hit');
        return entry.value;
      }
      if (now < entry.expiresAt + this.ttlMs * RENEW_WINDOW) {
        this.renewInBackground(key, entry, load);
        this.onLookup('hit');
        return entry.value;
      }
    }
    this.onLookup('miss');
    return this.fill(key, load, serving);
  }

  /** Looks the value up and stores it, unless a change was signalled meanwhile. */
  private async fill(key: string, load: () => Promise<V | null>, serving: boolean): Promise<V | null> {
    const generation = this.generation;
    const loading = this.loading.get(key) ?? { lookups: 0, dropped: false };
    loading.lookups++;
    this.loading.set(key, loading);
    let value: V | null;
    try {
      value = await load();
    } finally {
      if (--loading.lookups === 0) this.loading.delete(key);
    }
    if (!serving || generation !== this.generation || loading.dropped) return value;
    if (value === null) {
      this.entries.delete(key);
      return value;
    }
    if (!this.entries.has(key) && this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expiresAt: this.clock() + this.ttlMs * (1 - TTL_SPREAD * Math.random()) });
    return value;
  }

  private renewInBackground(key: string, entry: Entry<V>, load: () => Promise<V | null>): void {
    if (entry.renewing) return;
    entry.renewing = true;
    // A failed renewal drops the entry: the next request looks it up itself and sees the error.
    this.fill(key, load, true).catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
  }

  clear(): void {
    this.generation++;
    this.entries = new Map();
  }

  /** Drops the entries with these keys; lookups of them under way will not store their answers. */
  drop(keys: readonly string[]): void {
    for (const key of keys) {
      this.entries.delete(key);
      const loading = this.loading.get(key);
      if (loading) loading.dropped = true;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
