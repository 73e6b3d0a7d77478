import type { EventStore } from '../event-store/event-store.port';
import { comparePositions, type Position } from '../event-store/position';

/**
 * Waits until the log's readers can see everything up to `position`. On PostgreSQL, readers stop
 * at the oldest write transaction still running in the database (ADR 001), and other work on
 * the same database may hold them back for a moment: a test that reads the whole log right after
 * appending waits here first instead of finding nothing.
 */
export async function untilLogSettled(store: EventStore, position: Position, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const head = await store.headPosition();
    if (head && comparePositions(head, position) >= 0) return;
    if (Date.now() > deadline) throw new Error(`the log never settled up to ${position.commit}/${position.prepare}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
