import type { EntityManager } from 'typeorm';
import type { SqlRunner } from '../database/sql';
import type { Position } from '../event-store/position';

/** The SQLSTATE of a checkpoint that was not where the batch expected it (a user-defined code). */
const CHECKPOINT_MOVED = 'GA001';

export const CHECKPOINTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS projection_checkpoints (
  name text PRIMARY KEY,
  version integer NOT NULL,
  commit_position bigint,
  prepare_position bigint,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE OR REPLACE FUNCTION projection_checkpoint_advance(
  checkpoint_name text, checkpoint_version integer,
  expected_commit bigint, expected_prepare bigint, next_commit bigint, next_prepare bigint
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE projection_checkpoints SET commit_position = next_commit, prepare_position = next_prepare, updated_at = now()
  WHERE name = checkpoint_name AND version = checkpoint_version
    AND commit_position IS NOT DISTINCT FROM expected_commit AND prepare_position IS NOT DISTINCT FROM expected_prepare;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'projection checkpoint % is not where its runner left it', checkpoint_name USING ERRCODE = '${CHECKPOINT_MOVED}';
  END IF;
END $$;`;

/**
 * Moves the checkpoint from `expected` to `position` if it is still at `expected` with this
 * version, locking it for the rest of the transaction; otherwise fails with CHECKPOINT_MOVED. The
 * first statement of a batch sent in one round trip (SqlScript): a failure aborts the statements
 * after it, so a checkpoint that is not where the runner left it gets nothing applied.
 */
export const ADVANCE_CHECKPOINT_OR_FAIL = 'SELECT projection_checkpoint_advance($1, $2, $3::bigint, $4::bigint, $5::bigint, $6::bigint)';

export function advanceParameters(name: string, version: number, expected: Position | null, position: Position | null): unknown[] {
  return [name, version, expected?.commit.toString() ?? null, expected?.prepare.toString() ?? null, position?.commit.toString() ?? null, position?.prepare.toString() ?? null];
}

/** Whether `error` is ADVANCE_CHECKPOINT_OR_FAIL's refusal (as the driver, or TypeORM around it, reports it). */
export function isCheckpointMoved(error: unknown): boolean {
  const { code, driverError } = (error ?? {}) as { code?: unknown; driverError?: { code?: unknown } };
  return code === CHECKPOINT_MOVED || driverError?.code === CHECKPOINT_MOVED;
}

export interface Checkpoint {
  readonly name: string;
  readonly version: number;
  /** Last applied event; null before the first. */
  readonly position: Position | null;
  readonly updatedAt: Date;
}

interface CheckpointRow {
  name: string;
  version: number;
  commit_position: string | null;
  prepare_position: string | null;
  updated_at: Date;
}

/** A plain SQL runner or a TypeORM manager (inside a projection's transaction). */
type Queryable = SqlRunner | EntityManager;

function query(db: Queryable, text: string, params: unknown[] = []): Promise<unknown> {
  return (db as SqlRunner).query(text, params);
}

async function rows(db: Queryable, text: string, params: unknown[] = []): Promise<CheckpointRow[]> {
  return (await query(db, text, params)) as CheckpointRow[];
}

export async function readCheckpoints(db: Queryable): Promise<Checkpoint[]> {
  return (await rows(db, 'SELECT * FROM projection_checkpoints ORDER BY name')).map(toCheckpoint);
}

/** Reads the checkpoint, creating it at the start for a new projection. */
export async function ensureCheckpoint(db: Queryable, name: string, version: number): Promise<Checkpoint> {
  await query(db, 'INSERT INTO projection_checkpoints (name, version) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, version]);
  return toCheckpoint((await rows(db, 'SELECT * FROM projection_checkpoints WHERE name = $1', [name]))[0]);
}

/** Locks the checkpoint row for the rest of the transaction: one writer of a read model at a time. */
export async function lockCheckpoint(tx: Queryable, name: string): Promise<Checkpoint | undefined> {
  const found = await rows(tx, 'SELECT * FROM projection_checkpoints WHERE name = $1 FOR UPDATE', [name]);
  return found[0] && toCheckpoint(found[0]);
}

export async function saveCheckpoint(tx: Queryable, name: string, version: number, position: Position | null): Promise<void> {
  await query(
    tx,
    `INSERT INTO projection_checkpoints (name, version, commit_position, prepare_position, updated_at)
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (name) DO UPDATE SET version = $2, commit_position = $3, prepare_position = $4, updated_at = now()`,
    [name, version, position?.commit.toString() ?? null, position?.prepare.toString() ?? null],
  );
}

function toCheckpoint(row: CheckpointRow): Checkpoint {
  return {
    name: row.name,
    version: Number(row.version),
    position: row.commit_position === null ? null : { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position!) },
    updatedAt: row.updated_at,
  };
}
