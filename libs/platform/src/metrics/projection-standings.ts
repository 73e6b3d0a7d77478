import { readCheckpoints } from '../projections/checkpoint-store';
import type { PlatformRuntime } from '../runtime/platform-runtime';
import type { ProjectionStanding } from './projection-metrics';

/** Each projection's checkpoint and how many events of the log lie after it. */
export async function readProjectionStandings(runtime: PlatformRuntime): Promise<ProjectionStanding[]> {
  const checkpoints = new Map((await readCheckpoints(runtime.database.sql)).map((c) => [c.name, c.position]));
  const standings: ProjectionStanding[] = [];
  for (const { name } of runtime.projections) {
    const checkpoint = checkpoints.get(name) ?? null;
    standings.push({ projection: name, checkpoint, lag: await runtime.store.countAfter(checkpoint) });
  }
  return standings;
}
