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
}

/**
 * Each entry lives between 75% and 100% of the TTL. Entries loaded together (every credential a
 * busy process meets in its first seconds) would otherwise all expire together, and again a TTL
 * later: a burst of lookups at once, each queued behind the others (a p99 of 70-100 ms instead of
 * 30 in the read benchmark, one round a minute).
 */
const TTL_SPREAD = 0.25;

export type CacheLookup = 'hit' | 'miss';

/**
 * A per-process cache of values derived from read-model rows, dropped whenever a watched row
 * changes (see CacheCoherence). Without coherence (the embedded database, or a lapsed lease) it
 * answers every lookup from the loader. Only found values are cached: a value a loader did not
 * find is looked up again next time, so nothing new is ever hidden.
 */
export class CoherentCache<V> {
  private entries = new Map<string, Entry<V>>();
  /** Bumped on every drop: a load that began before a drop must not store its older answer. */
  private generation = 0;
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
    coherence?.onInvalidate(() => this.clear());
  }

  async get(key: string, load: () => Promise<V | null>, stillValid: (value: V) => boolean = () => true): Promise<V | null> {
    const serving = this.coherence?.serving ?? false;
    const entry = serving ? this.entries.get(key) : undefined;
    if (entry && this.clock() < entry.expiresAt && stillValid(entry.value)) {
      this.onLookup('hit');
      return entry.value;
    }
    this.onLookup('miss');
    const generation = this.generation;
    const value = await load();
    if (value === null || !serving || generation !== this.generation) return value;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expiresAt: this.clock() + this.ttlMs * (1 - TTL_SPREAD * Math.random()) });
    return value;
  }

  clear(): void {
    this.generation++;
    this.entries = new Map();
  }

  get size(): number {
    return this.entries.size;
  }
}
