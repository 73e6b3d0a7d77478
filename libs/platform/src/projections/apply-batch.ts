import type { DataSource } from 'typeorm';
import type { RecordedEvent } from '../event-store/event-store.port';
import { hasReached, type Position } from '../event-store/position';
import { advanceCheckpoint } from './checkpoint-store';
import type { Projection } from './projection';

export type BatchOutcome = { kind: 'applied'; position: Position } | { kind: 'checkpoint-moved' };

/**
 * Applies one batch and moves the checkpoint in one transaction. `expected` is where the stored
 * checkpoint must be; `reached` (default: the same) is how far the runner has already gone without
 * storing it (it skips batches the projection has nothing to do with). Events up to `reached` are
 * dropped, so replaying an applied event changes nothing. If the stored checkpoint is not where
 * this runner left it (a rebuild swapped the read model in, or another runner got there), nothing
 * is applied and the caller restarts from the stored checkpoint. An empty batch just stores
 * `reached`.
 */
export async function applyBatch(
  dataSource: DataSource,
  projection: Projection,
  expected: Position | null,
  batch: readonly RecordedEvent[],
  reached: Position | null = expected,
): Promise<BatchOutcome> {
  const fresh = batch.filter((event) => !hasReached(reached, event.position));
  const position = fresh.length > 0 ? fresh[fresh.length - 1].position : reached;
  return dataSource.transaction(async (tx) => {
    // Checked, locked and moved first: the batch's statements then run under the lock, and a
    // checkpoint that is not where this runner left it aborts before anything is applied.
    if (!(await advanceCheckpoint(tx, projection.name, projection.version, expected, position))) return { kind: 'checkpoint-moved' } as const;
    if (fresh.length > 0) await projection.apply(fresh, tx);
    return { kind: 'applied', position: position! } as const;
  });
}
