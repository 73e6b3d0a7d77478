import type { EventMetadata } from './event-metadata';

export interface StoredShape {
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

/** Lifts one event type from `fromVersion` to `fromVersion + 1`. */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  upcast(event: StoredShape): StoredShape;
}

/**
 * Stored events never change; when an event's shape changes, an upcaster turns the old shape
 * into the new one as it is read. Upcasters chain: v1 -> v2 -> v3.
 */
export class UpcasterRegistry {
  private readonly byKey = new Map<string, Upcaster>();

  register(upcaster: Upcaster): this {
    const key = `${upcaster.type}@${upcaster.fromVersion}`;
    if (this.byKey.has(key)) throw new Error(`An upcaster for ${key} is already registered`);
    this.byKey.set(key, upcaster);
    return this;
  }

  get isEmpty(): boolean {
    return this.byKey.size === 0;
  }

  upcast<T extends StoredShape>(event: T): T {
    let current: StoredShape = event;
    for (let guard = 0; guard < 1000; guard++) {
      const upcaster = this.byKey.get(`${current.type}@${current.metadata.schemaVersion ?? 1}`);
      if (!upcaster) return current === event ? event : { ...event, ...current };
      const next = upcaster.upcast(current);
      current = { ...next, metadata: { ...next.metadata, schemaVersion: upcaster.fromVersion + 1 } };
    }
    throw new Error(`Upcaster chain for ${event.type} does not end`);
  }
}
