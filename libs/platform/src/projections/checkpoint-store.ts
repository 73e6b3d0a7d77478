import type { EntityManager } from 'typeorm';
import type { SqlRunner } from '../database/sql';
import type { Position } from '../event-store/position';

export const CHECKPOINTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS projection_checkpoints (
  name text PRIMARY KEY,
  version integer NOT NULL,
  commit_position bigint,
  prepare_position bigint,
  updated_at timestamptz NOT NULL DEFAULT now()
);`;

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

/**
 * Moves the checkpoint from `expected` to `position` if it is still at `expected` with this
 * version, and locks it for the rest of the transaction: the check, the lock and the save of a
 * batch in one statement. False when it was not there (nothing was changed).
 */
export async function advanceCheckpoint(tx: Queryable, name: string, version: number, expected: Position | null, position: Position | null): Promise<boolean> {
  const moved = await rows(
    tx,
    // Wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count] instead of the rows.
    `WITH moved AS (
       UPDATE projection_checkpoints SET commit_position = $5, prepare_position = $6, updated_at = now()
       WHERE name = $1 AND version = $2 AND commit_position IS NOT DISTINCT FROM $3::bigint AND prepare_position IS NOT DISTINCT FROM $4::bigint
       RETURNING name)
     SELECT name FROM moved`,
    [name, version, expected?.commit.toString() ?? null, expected?.prepare.toString() ?? null, position?.commit.toString() ?? null, position?.prepare.toString() ?? null],
  );
  return moved.length === 1;
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
