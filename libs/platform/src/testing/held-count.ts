import type { EventStore } from '../event-store/event-store.port';

/** A store whose count of the log waits to be let through (see countHeld). */
export interface CountHeld {
  readonly store: EventStore;
  /** Lets the count (and any later one) answer. */
  answer(): void;
  /** What happened, in order: 'counted' when a count has answered; a test adds its own lines. */
  readonly log: string[];
}

/**
 * `store`, with a count of the log (`countAfter`) that answers only once `answer()` is called, or
 * after `maxHoldMs`: a replay that must not wait for the count shows its first batch before it,
 * and one that waits shows that too, however slowly the machine runs.
 */
export function countHeld(store: EventStore, maxHoldMs = 20_000): CountHeld {
  const log: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held: EventStore = Object.assign(Object.create(store) as EventStore, {
    countAfter: async (...args: Parameters<EventStore['countAfter']>) => {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([released, new Promise((resolve) => (timer = setTimeout(resolve, maxHoldMs)))]);
      clearTimeout(timer);
      const count = await store.countAfter(...args);
      log.push('counted');
      return count;
    },
  });
  return { store: held, answer: release, log };
}
