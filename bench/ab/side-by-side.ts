import path from 'node:path';
import { Client } from 'pg';
import { BenchDatabases } from '../support/databases';
import { runLoad } from '../support/load';
import type { ServerProcess } from '../support/processes';
import { cpuMs, postgresCpuBetween } from '../support/request-cost';
import type { Scenario, ScenarioName } from './scenarios';
import { serveSeeded } from './seeded-service';

/** A process's CPU so far; undefined once it has ended (a backend may close between listing and reading). */
function cpuIfRunning(pid: number): number | undefined {
  try {
    return cpuMs(pid);
  } catch {
    return undefined;
  }
}

interface Side {
  readonly build: string;
  readonly database: string;
  readonly service: ServerProcess;
  readonly scenario: Scenario;
}

interface Reading {
  readonly service: number;
  /** CPU ms of each PostgreSQL backend serving the side's database, by pid. */
  readonly backends: ReadonlyMap<string, number>;
}

async function read(admin: Client, side: Side): Promise<Reading> {
  const rows = (await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [side.database])).rows;
  const backends = new Map<string, number>();
  for (const { pid } of rows) {
    const ms = cpuIfRunning(pid);
    if (ms !== undefined) backends.set(String(pid), ms);
  }
  return { service: cpuMs(side.service.pid), backends };
}

/** `rate` requests a second for `seconds`; answers the successful ones. */
async function loadAtRate(side: Side, rate: number, seconds: number): Promise<number> {
  return (await runLoad({ ...side.scenario, baseUrl: side.service.url, connections: 50, durationSeconds: seconds, ratePerSecond: rate })).ok;
}

interface Settings {
  readonly root: string;
  readonly scenario: ScenarioName;
  readonly rate: number;
  readonly seconds: number;
  readonly rounds: number;
  readonly serverUrl: string;
  readonly log: (line: string) => void;
}

/** CPU milliseconds and successful requests of one build over a pairing's rounds. */
interface Totals {
  service: number;
  database: number;
  ok: number;
}

const perRequest = (totals: Totals) => ({ service: totals.service / totals.ok, database: totals.database / totals.ok });

/** The two builds served at once, `builds[0]` started and seeded first; each one's totals, by build. */
async function pairing(settings: Settings, builds: readonly [string, string]): Promise<Map<string, Totals>> {
  const { root, scenario, rate, seconds, rounds, serverUrl, log } = settings;
  const databases = new BenchDatabases(serverUrl);
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  const sides: Side[] = [];
  const services: ServerProcess[] = [];
  try {
    for (const [i, build] of builds.entries()) {
      const url = await databases.create(`side${i}`);
      const { service, load } = await serveSeeded(path.join(root, 'node_modules', '.cache', `ab-${build}`), scenario, url);
      services.push(service);
      sides.push({ build, database: new URL(url).pathname.slice(1), service, scenario: load });
    }
    await Promise.all(sides.map((side) => loadAtRate(side, rate, 3)));
    const totals = new Map(sides.map((side) => [side.build, { service: 0, database: 0, ok: 0 }]));
    for (let round = 1; round <= rounds; round++) {
      const before = await Promise.all(sides.map((side) => read(admin, side)));
      const ok = await Promise.all(sides.map((side) => loadAtRate(side, rate, seconds)));
      const after = await Promise.all(sides.map((side) => read(admin, side)));
      const costs = sides.map((_, i) => ({ service: after[i].service - before[i].service, database: postgresCpuBetween(before[i].backends, after[i].backends), ok: ok[i] }));
      sides.forEach((side, i) => {
        const total = totals.get(side.build)!;
        total.service += costs[i].service;
        total.database += costs[i].database;
        total.ok += costs[i].ok;
      });
      log(`round ${round}: ${sides.map((side, i) => `${side.build} ${Math.round(ok[i] / seconds)} req/s, ${(costs[i].service / ok[i]).toFixed(3)} ms service + ${(costs[i].database / ok[i]).toFixed(3)} ms PostgreSQL`).join(' | ')}`);
    }
    return totals;
  } finally {
    await admin.end();
    for (const service of services) await service.stop();
    await databases.dropAll();
  }
}

/**
 * `npm run bench:ab -- side-by-side <scenario> <build> <build>`: both builds serve at once, each on
 * a fresh database of its own, each loaded at the same fixed rate (BENCH_AB_RATE requests a second,
 * default 300: together below what the machine can serve, so neither waits on the other's queue),
 * and each round tells what a successful request cost each side: its server's CPU and that of the
 * PostgreSQL backends serving its database. Both sides live through the same moments of the
 * machine, so their difference moves less than that of `bench:ab`'s passes, one build after the
 * other, which move by a tenth with the machine. Which build is started and seeded first could
 * still favour one of them by a few percent, so the pairing runs again the other way round
 * (BENCH_AB_ORDERS=1: only the order given), and the ratio reported is the geometric mean of the
 * two orders' ratios. It reads cost, not throughput (a rate below saturation makes smaller
 * batches than the full benchmark's, so costs are higher than there). BENCH_ROUNDS (3) and
 * BENCH_DURATION (15 s) set the rounds of each order.
 */
export async function sideBySide(root: string, scenario: ScenarioName, builds: readonly [string, string], log: (line: string) => void): Promise<void> {
  const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
  const settings: Settings = {
    root,
    scenario,
    rate: env('BENCH_AB_RATE', 300),
    seconds: env('BENCH_DURATION', 15),
    rounds: env('BENCH_ROUNDS', 3),
    serverUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    log,
  };
  const [first, second] = builds;
  const orders: (readonly [string, string])[] = env('BENCH_AB_ORDERS', 2) >= 2 ? [[first, second], [second, first]] : [[first, second]];
  const ratios = { service: [] as number[], database: [] as number[] };
  for (const order of orders) {
    log(`${order[0]} first, then ${order[1]}`);
    const totals = await pairing(settings, order);
    const [a, b] = [perRequest(totals.get(first)!), perRequest(totals.get(second)!)];
    for (const [build, cost] of [[first, a], [second, b]] as const) {
      process.stdout.write(`${order[0]} first: ${build} ${cost.service.toFixed(3)} ms service + ${cost.database.toFixed(3)} ms PostgreSQL CPU a request\n`);
    }
    ratios.service.push(b.service / a.service);
    ratios.database.push(b.database / a.database);
  }
  const geometricMean = (values: readonly number[]) => Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length);
  const shown = (values: readonly number[]) => `${geometricMean(values).toFixed(3)}x (${values.map((value) => value.toFixed(3)).join(', ')})`;
  process.stdout.write(`${second} / ${first}: service ${shown(ratios.service)}, PostgreSQL ${shown(ratios.database)}\n`);
}
