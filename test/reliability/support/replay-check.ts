import { readCheckpoints, type PlatformRuntime } from '@app/platform';
import { tableDigest } from './world-digest';

/** Waits until every projection has applied the whole log. */
export async function projectionsCaughtUp(runtime: PlatformRuntime, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const checkpoints = new Map((await readCheckpoints(runtime.database.sql)).map((c) => [c.name, c.position]));
    let behind = 0;
    for (const projection of runtime.projections) behind += await runtime.store.countAfter(checkpoints.get(projection.name) ?? null);
    if (behind === 0) return;
    if (Date.now() > deadline) throw new Error(`projections still ${behind} events behind after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The read models as they are, and as a fresh replay of the whole log makes them (each projection
 * rebuilt into new tables and swapped in). Equal digests mean the live read models lost, doubled or
 * reordered nothing: they are exactly what the log says.
 */
export async function readModelsAndReplay(runtime: PlatformRuntime): Promise<{ live: Record<string, string>; replayed: Record<string, string> }> {
  await projectionsCaughtUp(runtime);
  const tables = runtime.projections.flatMap((p) => p.tables);
  const live = await tableDigest(runtime.database.sql, tables);
  for (const projection of runtime.projections) await runtime.rebuilder.rebuild(projection);
  const replayed = await tableDigest(runtime.database.sql, tables);
  return { live, replayed };
}
