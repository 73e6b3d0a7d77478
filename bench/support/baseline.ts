import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { ServerProcess } from './processes';

const BASELINE = path.join('shared', 'bench', 'baseline');

/**
 * BENCH_BASELINE_DIR if set, else shared/bench/baseline next to (or inside) the nearest folder
 * above the working directory (a CI clone has ../shared beside the repository).
 */
export function findBaselineDir(): string {
  if (process.env.BENCH_BASELINE_DIR) return process.env.BENCH_BASELINE_DIR;
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, '..', BASELINE), path.join(dir, BASELINE)]) {
      if (existsSync(path.join(candidate, 'server.js'))) return candidate;
    }
    if (path.dirname(dir) === dir) break;
  }
  const besideRepository = path.resolve(__dirname, '../../..', BASELINE);
  if (existsSync(path.join(besideRepository, 'server.js'))) return besideRepository;
  throw new Error(`Cannot find ${BASELINE}: set BENCH_BASELINE_DIR`);
}

/** Loads seed.sql (100k accounts with tokens tok1..tok100000, an events table) into the baseline's database. */
export async function seedBaseline(dir: string, databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(readFileSync(path.join(dir, 'seed.sql'), 'utf8'));
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

/**
 * Starts a baseline server. fastify and pg come from the baseline's own node_modules when it has
 * them, else from this repository's (NODE_PATH), so nothing is ever installed into the shared folder.
 * `nodeFlags` are the service's own (service-flags.ts): both sides run with the same settings.
 */
export function startBaseline(dir: string, script: 'server.js' | 'server-write.js', databaseUrl: string, nodeFlags: readonly string[]): Promise<ServerProcess> {
  const ownModules = path.resolve(__dirname, '..', '..', 'node_modules');
  const readyPath = script === 'server.js' ? '/hello' : '/';
  return ServerProcess.start(`baseline ${script}`, [...nodeFlags, path.join(dir, script)], { DATABASE_URL: databaseUrl, NODE_PATH: ownModules }, readyPath, { cwd: dir });
}
