/**
 * The benchmark's sizes and load settings, from the environment. BENCH_QUICK=1 shrinks every
 * size for a smoke run (minutes, not the ~20 of a full run); explicit variables still win.
 */
const quick = process.env.BENCH_QUICK === '1';

function num(name: string, full: number, smoke: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return quick ? smoke : full;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number (got '${raw}')`);
  return value;
}

export interface BenchSettings {
  readonly quick: boolean;
  /** PostgreSQL server; each run creates and drops its own databases there. */
  readonly serverUrl: string;
  readonly organizations: number;
  readonly accounts: number;
  /** Distinct access tokens and PATs the read items rotate through (the baseline rotates as many). */
  readonly credentials: number;
  readonly connections: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly rounds: number;
  /** Sizes of the organizations whose account list is timed (item 8). */
  readonly listSizes: readonly number[];
  /** Store sizes (events) at which write latency is probed and the projections are rebuilt. */
  readonly smallStoreEvents: number;
  readonly rebuildStoreEvents: number;
  readonly largeStoreEvents: number;
  /** Sequential writes per latency probe. */
  readonly latencyProbeWrites: number;
  readonly refreshFamilies: number;
}

export function loadSettings(): BenchSettings {
  // One organization's members are added one after another (each addition appends to its stream).
  const listSizes = (process.env.BENCH_LIST_SIZES ?? (quick ? '10,50,200' : '10,1000,10000')).split(',').map(Number);
  return {
    quick,
    serverUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    organizations: num('BENCH_ORGANIZATIONS', 200, 10),
    // 100 per organization: members are added one at a time per organization, organizations in parallel.
    accounts: num('BENCH_ACCOUNTS', 20_000, 600),
    credentials: num('BENCH_CREDENTIALS', 1_000, 100),
    connections: num('BENCH_CONNECTIONS', 50, 50),
    durationSeconds: num('BENCH_DURATION', 10, 3),
    // Each side's load before its first round, the same for both: the service is measured warm, as
    // it serves once deployed. After 3 s its JIT was still at work on the write paths (the first
    // round of account creations cost 0.97 ms of CPU each, the next two 0.72 ms); after 20 s the
    // first two rounds cost the same (0.7 and 0.69 ms). Bench notes, passes 51 and 52.
    warmupSeconds: num('BENCH_WARMUP', 20, 1),
    rounds: num('BENCH_ROUNDS', 3, 1),
    listSizes,
    smallStoreEvents: num('BENCH_SMALL_STORE_EVENTS', 10_000, 500),
    rebuildStoreEvents: num('BENCH_REBUILD_EVENTS', 100_000, 10_000),
    largeStoreEvents: num('BENCH_LARGE_STORE_EVENTS', 1_000_000, 20_000),
    latencyProbeWrites: num('BENCH_PROBE_WRITES', 200, 50),
    refreshFamilies: num('BENCH_REFRESH_FAMILIES', 100, 50),
  };
}
