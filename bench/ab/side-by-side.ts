import { readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { AppContext } from '../support/app-context';
import { BenchDatabases } from '../support/databases';
import type { RequestVariant } from '../support/load';
import { ServerProcess } from '../support/processes';
import { Seeder } from '../support/seeder';
import { serviceNodeFlags } from '../support/service-flags';
import { SCENARIOS, type Scenario, type ScenarioName } from './scenarios';

const TICKS_PER_SECOND = 100;

/** CPU milliseconds a process has used (every thread); 0 once it is gone. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
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
  readonly backends: ReadonlyMap<number, number>;
}

async function read(admin: Client, side: Side): Promise<Reading> {
  const rows = (await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [side.database])).rows;
  return { service: cpuMs(side.service.pid), backends: new Map(rows.map(({ pid }) => [pid, cpuMs(pid)])) };
}

/** The backends' CPU between two readings: one that started in between counts from its start. */
function backendsMs(before: Reading, after: Reading): number {
  let total = 0;
  for (const [pid, ms] of after.backends) total += ms - (before.backends.get(pid) ?? 0);
  return total;
}

let unique = 0;

/** `rate` requests a second (autocannon's overall rate) for `seconds`; answers the successful ones. */
function loadAtRate(side: Side, rate: number, seconds: number): Promise<number> {
  const { method, path: route, variants, okStatus } = side.scenario;
  let next = 0;
  const body = (variant: RequestVariant) => variant.body?.replaceAll('{{unique}}', `${process.pid}-${Date.now().toString(36)}-${(unique++).toString(36)}`);
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${side.service.url}${route}`,
        method,
        connections: 50,
        duration: seconds,
        overallRate: rate,
        requests: [
          {
            setupRequest: (request) => {
              const variant = variants[next++ % variants.length];
              return { ...request, method, path: route, headers: { ...variant.headers }, body: body(variant) };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const stats = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
        resolve(stats[String(okStatus)]?.count ?? 0);
      },
    );
  });
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
      const dir = path.join(root, 'node_modules', '.cache', `ab-${build}`);
      const service = await ServerProcess.start('api', [...serviceNodeFlags(dir), path.join(dir, 'apps/api/src/main.js')], { DATABASE_URL: url, LOG_LEVEL: 'warn', HOST: '127.0.0.1' }, '/healthz');
      services.push(service);
      const app = await AppContext.open(url);
      try {
        sides.push({ build, database: new URL(url).pathname.slice(1), service, scenario: await SCENARIOS[scenario](new Seeder(app), service.url) });
        await app.projectionsCaughtUp();
        await app.analyze();
      } finally {
        await app.close();
      }
    }
    await Promise.all(sides.map((side) => loadAtRate(side, rate, 3)));
    const totals = new Map(sides.map((side) => [side.build, { service: 0, database: 0, ok: 0 }]));
    for (let round = 1; round <= rounds; round++) {
      const before = await Promise.all(sides.map((side) => read(admin, side)));
      const ok = await Promise.all(sides.map((side) => loadAtRate(side, rate, seconds)));
      const after = await Promise.all(sides.map((side) => read(admin, side)));
      const costs = sides.map((_, i) => ({ service: after[i].service - before[i].service, database: backendsMs(before[i], after[i]), ok: ok[i] }));
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
