import type { DataSource } from 'typeorm';
import type { SqlRunner } from '../database/sql';
import { SqlScript } from '../database/sql-script';
import type { RecordedEvent } from '../event-store/event-store.port';
import { MARK_READ_MODEL_WRITER } from '../event-store/postgres/read-model-writers';
import { hasReached, type Position } from '../event-store/position';
import { ADVANCE_CHECKPOINT_OR_FAIL, advanceParameters, isCheckpointMoved } from './checkpoint-store';
import type { Projection, ReplayOfBatches } from './projection';

export type BatchOutcome = { kind: 'applied'; position: Position; changeCounter?: number } | { kind: 'checkpoint-moved' };

/** Read last in a batch's transaction: its own bumps of the counter included (OwnBatchChanges). */
const READ_CHANGE_COUNTER = 'SELECT counter::text AS counter FROM read_model_changes';

/**
 * Applies one batch and moves the checkpoint in one transaction. `expected` is where the stored
 * checkpoint must be; `reached` (default: the same) is how far the runner has already gone without
 * storing it (it skips batches the projection has nothing to do with). Events up to `reached` are
 * dropped, so replaying an applied event changes nothing. If the stored checkpoint is not where
 * this runner left it (a rebuild swapped the read model in, or another runner got there), nothing
 * is applied and the caller restarts from the stored checkpoint. An empty batch just stores
 * `reached`.
 *
 * The checkpoint's move and the batch's writes go as one script: one round trip per batch instead
 * of one per statement plus the transaction's begin and commit (under load a projection's cost is
 * mostly round trips). A projection that reads its tables to prepare its writes (see
 * Projection.replay) reads them first, outside the script: only the lock holder writes them, and
 * the checkpoint check at the head of the script refuses the batch if anyone else did since.
 * `replay` is the projection's replay that prepared the batches before this one (the live runner
 * keeps one while it leads); without it the batch is prepared by a replay of its own.
 * With `counterReader` (a runner that answers a script with its last statement's rows) the script
 * also reads the read-model change counter at its end, and the outcome carries it.
 */
export async function applyBatch(
  dataSource: DataSource,
  projection: Projection,
  expected: Position | null,
  batch: readonly RecordedEvent[],
  reached: Position | null = expected,
  replay: ReplayOfBatches | undefined = projection.replay?.('live'),
  counterReader?: SqlRunner,
): Promise<BatchOutcome> {
  const fresh = batch.filter((event) => !hasReached(reached, event.position));
  const position = fresh.length > 0 ? fresh[fresh.length - 1].position : reached;
  const script = new SqlScript();
  // Held up (by a lock on its tables, say), the batch must not hold back readers of the log.
  await script.query(MARK_READ_MODEL_WRITER);
  await script.query(ADVANCE_CHECKPOINT_OR_FAIL, advanceParameters(projection.name, projection.version, expected, position));
  if (fresh.length > 0) {
    if (replay) await (await replay.prepare(fresh, dataSource.manager))(script);
    else await projection.apply(fresh, script);
  }
  if (counterReader) await script.query(READ_CHANGE_COUNTER);
  let counterRows: { counter: string }[] | undefined;
  try {
    if (counterReader) counterRows = await counterReader.query<{ counter: string }>(script.text);
    else await dataSource.query(script.text);
  } catch (error) {
    if (isCheckpointMoved(error)) return { kind: 'checkpoint-moved' };
    throw error;
  }
  return counterRows ? { kind: 'applied', position: position!, changeCounter: Number(counterRows[0].counter) } : { kind: 'applied', position: position! };
}
