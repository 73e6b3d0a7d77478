import { performance } from 'node:perf_hooks';
import type { CacheCoherence } from './cache-coherence';

export interface CoherentCacheOptions {
  /** Entries older than this are looked up again even when nothing signalled a change. */
  ttlMs?: number;
  maxEntries?: number;
}

interface Entry<V> {
  value: V;
  storedAt: number;
}

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

  constructor(
    private readonly coherence: CacheCoherence | undefined,
    options: CoherentCacheOptions = {},
    private readonly onLookup: (outcome: CacheLookup) => void = () => undefined,
  ) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 100_000;
    coherence?.onInvalidate(() => this.clear());
  }

  async get(key: string, load: () => Promise<V | null>, stillValid: (value: V) => boolean = () => true): Promise<V | null> {
    const serving = this.coherence?.serving ?? false;
    const entry = serving ? this.entries.get(key) : undefined;
    if (entry && performance.now() - entry.storedAt < this.ttlMs && stillValid(entry.value)) {
      this.onLookup('hit');
      return entry.value;
    }
    this.onLookup('miss');
    const generation = this.generation;
    const value = await load();
    if (value === null || !serving || generation !== this.generation) return value;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, storedAt: performance.now() });
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
