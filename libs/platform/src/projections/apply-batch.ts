import type { DataSource } from 'typeorm';
import type { RecordedEvent } from '../event-store/event-store.port';
import { comparePositions, hasReached, type Position } from '../event-store/position';
import { lockCheckpoint, saveCheckpoint } from './checkpoint-store';
import type { Projection } from './projection';

export type BatchOutcome = { kind: 'applied'; position: Position } | { kind: 'checkpoint-moved' };

/**
 * Applies one batch and moves the checkpoint in one transaction. Events at or before the stored
 * checkpoint are dropped, so replaying an applied event changes nothing. If the stored checkpoint
 * is not where this runner left it (a rebuild swapped the read model in, or another runner got
 * there), nothing is applied and the caller restarts from the stored checkpoint.
 */
export async function applyBatch(
  dataSource: DataSource,
  projection: Projection,
  expected: Position | null,
  batch: readonly RecordedEvent[],
): Promise<BatchOutcome> {
  return dataSource.transaction(async (tx) => {
    const stored = await lockCheckpoint(tx, projection.name);
    if (!stored || stored.version !== projection.version || !samePosition(stored.position, expected)) {
      return { kind: 'checkpoint-moved' } as const;
    }
    const fresh = batch.filter((event) => !hasReached(expected, event.position));
    if (fresh.length === 0) return { kind: 'applied', position: expected! } as const;
    await projection.apply(fresh, tx);
    const position = fresh[fresh.length - 1].position;
    await saveCheckpoint(tx, projection.name, projection.version, position);
    return { kind: 'applied', position } as const;
  });
}

function samePosition(a: Position | null, b: Position | null): boolean {
  return a === null || b === null ? a === b : comparePositions(a, b) === 0;
}
