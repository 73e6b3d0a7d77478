/**
 * `npm run bench:profile -- <file.cpuprofile | folder> [seconds] [rows]`: where a profiled
 * service's main thread spent the last `seconds` (default 9) of each profile, by origin and by
 * function, in shares of the sampled time. For the profiles `bench:ab` writes with
 * BENCH_CPU_PROF=<folder>: the service stops right after its last round, so the last seconds are
 * the load.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { summarizeProfile, type CpuProfile, type ProfileShare } from './support/cpu-profile';
import { percent } from './support/stats';

function profilesAt(target: string): string[] {
  if (!statSync(target).isDirectory()) return [target];
  return readdirSync(target)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort()
    .map((name) => path.join(target, name));
}

const table = (title: string, shares: readonly ProfileShare[], rows: number) => [
  `  ${title}`,
  ...shares.slice(0, rows).map((entry) => `  ${percent(entry.share, 1).padStart(6)}  ${entry.name}`),
];

function main(): void {
  const [target, seconds = '9', rows = '30'] = process.argv.slice(2);
  if (!target || !(Number(seconds) > 0) || !(Number(rows) > 0)) throw new Error('usage: bench:profile -- <file.cpuprofile | folder> [seconds] [rows]');
  for (const file of profilesAt(target)) {
    const summary = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, { lastMs: Number(seconds) * 1000 });
    const lines = [
      `${file}: ${Math.round(summary.sampledMs)} ms sampled (the last ${seconds} s)`,
      ...table('by origin', summary.byOrigin, Number(rows)),
      ...table('by function (own time)', summary.byFunction, Number(rows)),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}

main();
