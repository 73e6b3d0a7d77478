import { spawn } from 'node:child_process';
import path from 'node:path';
import { sampleRss } from '../support/processes';
import { median } from '../support/stats';

export interface RebuildResult {
  readonly events: number;
  /** Events per second of each projection's replay (each reads the whole log). */
  readonly perProjection: Readonly<Record<string, number>>;
  readonly medianEventsPerSecond: number;
  readonly slowestEventsPerSecond: number;
  readonly peakRssMiB: number;
  readonly seconds: number;
}

/**
 * Item 7: `admin projections rebuild --all --json` of the production build, as an operator runs
 * it, while the API keeps serving. Peak RSS is the CLI process's high-water mark (VmHWM).
 */
export async function measureRebuild(build: string, databaseUrl: string): Promise<RebuildResult> {
  const started = Date.now();
  const child = spawn(process.execPath, [path.join(build, 'apps/admin/src/main.js'), 'projections', 'rebuild', '--all', '--json'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const rss = sampleRss(child.pid!);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const peakRssMiB = rss.stop();
  if (code !== 0) throw new Error(`admin projections rebuild failed (${code}): ${stderr}`);
  const summaries = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { projection: string; events: number; eventsPerSecond: number });
  const rates = summaries.map((s) => s.eventsPerSecond);
  return {
    events: Math.max(...summaries.map((s) => s.events)),
    perProjection: Object.fromEntries(summaries.map((s) => [s.projection, s.eventsPerSecond])),
    medianEventsPerSecond: Math.round(median(rates)),
    slowestEventsPerSecond: Math.min(...rates),
    peakRssMiB,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}
