import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchResults } from './results';
import { checkTargets } from './targets';

/** A committed run, with item 4's medians replaced. */
function runWithWrites(service: number, baseline: number): BenchResults {
  const run = JSON.parse(readFileSync(path.join(__dirname, '..', 'results', '2026-12-02b.json'), 'utf8')) as BenchResults;
  const write = run.write;
  return { ...run, write: { ...write, service: { ...write.service, requestsPerSecond: service }, baseline: { ...write.baseline, requestsPerSecond: baseline }, ratio: Math.round((service / baseline) * 100) / 100 } };
}

const item4 = (run: BenchResults) => checkTargets(run).find((check) => check.item.startsWith('4.'))!;

describe('the targets a run is judged against', () => {
  it('judges a ratio as measured: one that rounds to the target but falls short of it is not met, and says so', () => {
    const short = item4(runWithWrites(820, 1648));
    expect(short.met).toBe(false);
    expect(short.measured).toMatch(/^0\.498x req\/s/);
  });

  it('meets the target at or above it, shown as rounded', () => {
    const met = item4(runWithWrites(824, 1648));
    expect(met.met).toBe(true);
    expect(met.measured).toMatch(/^0\.5x req\/s/);
  });
});
