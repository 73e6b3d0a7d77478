/**
 * `npm run bench:ab -- <accounts|refresh|me|mePat> <build> <build> [...]`: one item of the benchmark (a write,
 * or `me` / `mePat`: the cached Bearer read of item 1, the cached PAT read of item 3)
 * served by each build in turn, every pass on a fresh database, the builds' order reversed every
 * pass, with what a request costs (server and PostgreSQL CPU, statements). For changes smaller
 * than a machine's drift between two full benchmark runs.
 *
 * A build is a copy of a production dist/ under node_modules/.cache (there it resolves the
 * repository's packages): `npm run bench:ab -- snapshot <name>` copies the current dist/ to
 * node_modules/.cache/ab-<name>, and `<name>` then names it. `<name>:<scenario>` runs that build on
 * another scenario than the first argument's, to compare two data sets on one build (e.g.
 * `refresh base:refresh base:refreshAfterWrites`). BENCH_AB_PASSES (default 4),
 * BENCH_ROUNDS (3), BENCH_DURATION (8 s), BENCH_CONNECTIONS (50) tune a run; BENCH_CPU_PROF=<dir> profiles
 * each pass's service (`npm run bench:profile -- <dir>` sums the profiles up). `side-by-side <scenario> <build> <build>` serves both builds at once at a
 * fixed rate, in both orders, and compares what a request costs each (side-by-side.ts).
 */
import 'reflect-metadata';
import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { BenchDatabases } from '../support/databases';
import { measureAlone, type Summary } from '../support/pairs';
import { median } from '../support/stats';
import { SCENARIOS, type ScenarioName } from './scenarios';
import { serveSeeded } from './seeded-service';
import { sideBySide } from './side-by-side';

const ROOT = path.resolve(__dirname, '..', '..');
const buildDir = (name: string) => path.join(ROOT, 'node_modules', '.cache', `ab-${name}`);
const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const log = (line: string) => process.stderr.write(`${line}\n`);

function snapshot(name: string): void {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`a build name is letters, digits, '.', '_' or '-' (got '${name}')`);
  if (!existsSync(path.join(ROOT, 'dist/apps/api/src/main.js'))) throw new Error('No production build in dist/: run `npm run build` first');
  rmSync(buildDir(name), { recursive: true, force: true });
  cpSync(path.join(ROOT, 'dist'), buildDir(name), { recursive: true });
  log(`dist/ copied to ${path.relative(ROOT, buildDir(name))}`);
}

/** One pass of one build: a fresh database and service, the scenario seeded, then the rounds. */
async function pass(command: ScenarioName, side: string): Promise<Summary> {
  const { build, scenario } = sideOf(command, side);
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const databases = new BenchDatabases(serverUrl);
  try {
    const url = await databases.create('ab');
    // BENCH_CPU_PROF=<dir>: each pass's service writes a V8 CPU profile there when it stops.
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];
    const { service, load } = await serveSeeded(buildDir(build), scenario, url, profile);
    try {
      const probe = { pid: service.pid, serverUrl, database: new URL(url).pathname.slice(1), metricsUrl: `${service.url}/metrics` };
      const spec = { ...load, baseUrl: service.url, probe, connections: env('BENCH_CONNECTIONS', 50), durationSeconds: env('BENCH_DURATION', 8) };
      return await measureAlone(spec, { rounds: env('BENCH_ROUNDS', 3), warmupSeconds: 3 }, (line) => log(`  ${side}${line}`));
    } finally {
      await service.stop();
    }
  } finally {
    await databases.dropAll();
  }
}

/** `<build>` or `<build>:<scenario>`. */
function sideOf(command: ScenarioName, side: string): { build: string; scenario: ScenarioName } {
  const [build, scenario = command] = side.split(':');
  if (!(scenario in SCENARIOS)) throw new Error(`no scenario '${scenario}' (${Object.keys(SCENARIOS).join(', ')})`);
  return { build, scenario: scenario as ScenarioName };
}

async function main(): Promise<void> {
  const [command, ...builds] = process.argv.slice(2);
  if (command === 'snapshot' && builds.length === 1) return snapshot(builds[0]);
  if (command === 'side-by-side') return sideBySideOf(builds);
  if (!(command in SCENARIOS) || builds.length < 2) throw new Error(`usage: bench:ab -- <${Object.keys(SCENARIOS).join('|')}> <build>[:<scenario>] <build>[:<scenario>] [...] | snapshot <name>`);
  for (const build of builds.map((side) => sideOf(command as ScenarioName, side).build)) if (!existsSync(path.join(buildDir(build), 'apps/api/src/main.js'))) throw new Error(`no build '${build}': npm run bench:ab -- snapshot ${build}`);
  // Each side's rounds are summed under its name: the same side twice would read as one.
  if (new Set(builds).size < builds.length) throw new Error(`a side is named twice (${builds.join(' ')}): give each build or build:scenario once`);
  const rates = new Map(builds.map((build) => [build, [] as number[]]));
  const passes = env('BENCH_AB_PASSES', 4);
  for (let n = 0; n < passes; n++) {
    for (const build of n % 2 === 0 ? builds : [...builds].reverse()) {
      const summary = await pass(command as ScenarioName, build);
      rates.get(build)!.push(...summary.rounds.map((round) => round.requestsPerSecond));
      log(`pass ${n + 1} ${build}: ${summary.requestsPerSecond} req/s${summary.cost ? `, ${JSON.stringify(summary.cost)}` : ''}`);
    }
  }
  for (const [build, values] of rates) {
    const sorted = [...values].sort((a, b) => a - b);
    process.stdout.write(`${build}: median ${Math.round(median(sorted))} req/s, range ${Math.round(sorted[0])}-${Math.round(sorted[sorted.length - 1])} over ${values.length} rounds\n`);
  }
}

/** `side-by-side <scenario> <build> <build>` (side-by-side.ts). */
async function sideBySideOf([scenario, ...builds]: string[]): Promise<void> {
  if (!(scenario in SCENARIOS) || builds.length !== 2 || builds[0] === builds[1]) throw new Error(`usage: bench:ab -- side-by-side <${Object.keys(SCENARIOS).join('|')}> <build> <build>`);
  for (const build of builds) if (!existsSync(path.join(buildDir(build), 'apps/api/src/main.js'))) throw new Error(`no build '${build}': npm run bench:ab -- snapshot ${build}`);
  await sideBySide(ROOT, scenario as ScenarioName, [builds[0], builds[1]], log);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
});
