import { Gauge } from 'prom-client';
import type { Position } from '../event-store/position';
import { metricsRegistry } from './registry';

export interface ProjectionStanding {
  readonly projection: string;
  /** Last applied event; null before the first. */
  readonly checkpoint: Position | null;
  /** Events in the log after the checkpoint. */
  readonly lag: number;
}

/** Where a process's projections stand, read at scrape time (checkpoint table and log). */
export type ProjectionStandingSource = () => Promise<readonly ProjectionStanding[]>;

const sources = new Set<ProjectionStandingSource>();

/**
 * Read at each scrape, not pushed by the runners: the checkpoints are shared by every process,
 * so a process that runs no projection still reports how far the one that does has got.
 * Both gauges are gathered concurrently; they share one reading per scrape.
 */
let reading: Promise<void> | undefined;
function collectStandings(): Promise<void> {
  reading ??= readStandings().finally(() => (reading = undefined));
  return reading;
}

async function readStandings(): Promise<void> {
  const standings: ProjectionStanding[] = [];
  for (const source of sources) {
    // A database that does not answer leaves the series out; /readyz is where that shows.
    standings.push(...(await source().catch(() => [])));
  }
  projectionLag.reset();
  projectionCheckpoint.reset();
  for (const { projection, checkpoint, lag } of standings) {
    projectionLag.set({ projection }, lag);
    projectionCheckpoint.set({ projection }, checkpoint ? Number(checkpoint.commit) : 0);
  }
}

export const projectionLag = new Gauge({
  name: 'projection_lag_events',
  help: 'Events in the log that a projection has not applied yet.',
  labelNames: ['projection'] as const,
  registers: [metricsRegistry],
  collect: collectStandings,
});

export const projectionCheckpoint = new Gauge({
  name: 'projection_checkpoint_position',
  help: "Commit part of the log position a projection has applied up to (0: nothing yet).",
  labelNames: ['projection'] as const,
  registers: [metricsRegistry],
  collect: collectStandings,
});

/** Reports the projections of `source` until the returned function is called. */
export function watchProjectionStandings(source: ProjectionStandingSource): () => void {
  sources.add(source);
  return () => sources.delete(source);
}
