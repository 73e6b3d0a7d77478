import type { Notifications, SqlRunner } from '../database/sql';
import { ProjectionProgress, RECHECK_MS } from './projection-progress';

/** Checkpoint rows as a database would return them, counting the reads. */
function checkpointTable(rows: { name: string; position: [number, number] | null }[]) {
  const reads = { count: 0 };
  const sql: SqlRunner = {
    query: async <T extends object>() => {
      reads.count++;
      return rows.map((r) => ({ name: r.name, version: 1, commit_position: r.position?.[0] ?? null, prepare_position: r.position?.[1] ?? null, updated_at: new Date() })) as unknown as T[];
    },
  };
  return { sql, reads };
}

const silentNotifications: Notifications = { listen: async () => async () => undefined, notify: async () => undefined, joined: async () => undefined, heard: () => true, alone: () => true };
const at = (commit: number, prepare: number) => ({ commit: BigInt(commit), prepare: BigInt(prepare) });

describe('ProjectionProgress.waitFor', () => {
  it('once every projection is known, waits on advances without reading the checkpoints', async () => {
    const { sql, reads } = checkpointTable([
      { name: 'a', position: [1, 1] },
      { name: 'b', position: [1, 1] },
    ]);
    const progress = new ProjectionProgress(sql, silentNotifications, [{ name: 'a' }, { name: 'b' }]);
    await progress.start();
    expect(reads.count).toBe(1);
    const waiting = progress.waitFor(at(5, 5), 2_000);
    progress.advanced('a', at(5, 5));
    progress.advanced('b', at(6, 6));
    await expect(waiting).resolves.toBe(true);
    expect(reads.count).toBe(1);
  });

  it('reads the checkpoints when it has not heard of every projection yet', async () => {
    const { sql, reads } = checkpointTable([
      { name: 'a', position: [9, 9] },
      { name: 'b', position: null },
    ]);
    const progress = new ProjectionProgress(sql, silentNotifications, [{ name: 'a' }, { name: 'b' }]);
    await progress.start();
    const waiting = progress.waitFor(at(5, 5), 2_000);
    progress.advanced('b', at(5, 5));
    await expect(waiting).resolves.toBe(true);
    expect(reads.count).toBe(2);
  });

  it('waits only for the projections named, and names for writers those not awaited by readers', async () => {
    const { sql } = checkpointTable([
      { name: 'a', position: [1, 1] },
      { name: 'b', position: [1, 1] },
      { name: 'c', position: [1, 1] },
    ]);
    const progress = new ProjectionProgress(sql, silentNotifications, [{ name: 'a' }, { name: 'b', awaitedBy: 'readers' }, { name: 'c', awaitedBy: 'writers' }]);
    await progress.start();
    expect(progress.awaitedByWriters).toEqual(['a', 'c']);
    progress.advanced('a', at(5, 5));
    progress.advanced('c', at(5, 5));
    await expect(progress.waitFor(at(5, 5), 2_000, progress.awaitedByWriters)).resolves.toBe(true);
    await expect(progress.waitFor(at(5, 5), 50)).resolves.toBe(false);
    const waiting = progress.waitFor(at(5, 5), 2_000, ['b']);
    progress.advanced('b', at(5, 5));
    await expect(waiting).resolves.toBe(true);
  });

  it('settles each waiter when every projection it names has passed its own target, and no other', async () => {
    const { sql } = checkpointTable([
      { name: 'a', position: [1, 1] },
      { name: 'b', position: [1, 1] },
    ]);
    const progress = new ProjectionProgress(sql, silentNotifications, [{ name: 'a' }, { name: 'b' }]);
    await progress.start();
    const settled: string[] = [];
    const near = progress.waitFor(at(5, 5), 2_000).then((reached) => settled.push(`near ${reached}`));
    const far = progress.waitFor(at(9, 1), 2_000).then((reached) => settled.push(`far ${reached}`));
    const onlyA = progress.waitFor(at(9, 1), 2_000, ['a']).then((reached) => settled.push(`only a ${reached}`));
    progress.advanced('a', at(9, 1));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toEqual(['only a true']);
    progress.advanced('b', at(6, 0));
    await near;
    expect(settled).toEqual(['only a true', 'near true']);
    progress.advanced('b', at(9, 0));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toEqual(['only a true', 'near true']);
    progress.advanced('b', at(9, 1));
    await Promise.all([far, onlyA]);
    expect(settled).toEqual(['only a true', 'near true', 'far true']);
  });

  it('gives up at the timeout, and a later advance settles nothing twice', async () => {
    const { sql } = checkpointTable([{ name: 'a', position: [1, 1] }]);
    const progress = new ProjectionProgress(sql, silentNotifications, [{ name: 'a' }]);
    await progress.start();
    const started = Date.now();
    await expect(progress.waitFor(at(5, 5), 60)).resolves.toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    progress.advanced('a', at(5, 5));
    await expect(progress.waitFor(at(5, 5), 60)).resolves.toBe(true);
  });

  it('reads the checkpoints when nothing was heard for a while, so a lost notification only delays a waiter', async () => {
    const rows: { name: string; position: [number, number] | null }[] = [{ name: 'a', position: [1, 1] }];
    const { sql, reads } = checkpointTable(rows);
    const progress = new ProjectionProgress(sql, silentNotifications, [{ name: 'a' }]);
    await progress.start();
    const waiting = progress.waitFor(at(5, 5), 5_000);
    // Another process moved the projection; its notification never came.
    rows[0].position = [5, 5];
    const started = Date.now();
    await expect(waiting).resolves.toBe(true);
    expect(Date.now() - started).toBeLessThan(3 * RECHECK_MS);
    expect(reads.count).toBe(2);
    await progress.stop();
  });

  it('does not read the checkpoints while advances keep coming', async () => {
    const { sql, reads } = checkpointTable([{ name: 'a', position: [1, 1] }]);
    const progress = new ProjectionProgress(sql, silentNotifications, [{ name: 'a' }]);
    await progress.start();
    const waiting = progress.waitFor(at(1_000, 0), 5_000);
    for (let commit = 2; commit < 2 + (3 * RECHECK_MS) / 25; commit++) {
      progress.advanced('a', at(commit, 0));
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(reads.count).toBe(1);
    progress.advanced('a', at(1_000, 0));
    await expect(waiting).resolves.toBe(true);
    await progress.stop();
  });

  it('refuses to wait for a projection it does not know, which would never come', async () => {
    const { sql } = checkpointTable([{ name: 'a', position: [1, 1] }]);
    const progress = new ProjectionProgress(sql, silentNotifications, [{ name: 'a' }]);
    await progress.start();
    await expect(progress.waitFor(at(5, 5), 2_000, ['a', 'audit'])).rejects.toThrow('No projection named audit; known: a');
  });
});
