import { runLoad, type LoadResult, type LoadSpec } from './load';
import { median, round } from './stats';

export interface Summary {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Replies that were not the expected status, summed over the rounds (should be 0). */
  readonly failed: number;
  readonly rounds: readonly LoadResult[];
}

export interface PairResult {
  readonly service: Summary;
  readonly baseline: Summary;
  /** service req/s / baseline req/s. */
  readonly ratio: number;
  /** service p99 / baseline p99. */
  readonly p99Ratio: number;
}

export interface RoundSettings {
  readonly rounds: number;
  readonly warmupSeconds: number;
}

/**
 * A/B rounds: both sides get a warm-up, then `rounds` rounds with the order swapped every round,
 * so drift on a shared machine hits both sides alike. Medians of the rounds are reported.
 */
export async function comparePair(service: LoadSpec, baseline: LoadSpec, settings: RoundSettings, log: (line: string) => void): Promise<PairResult> {
  if (settings.warmupSeconds > 0) {
    await runLoad({ ...service, durationSeconds: settings.warmupSeconds });
    await runLoad({ ...baseline, durationSeconds: settings.warmupSeconds });
  }
  const a: LoadResult[] = [];
  const b: LoadResult[] = [];
  for (let round = 0; round < settings.rounds; round++) {
    const order = round % 2 === 0 ? ['service', 'baseline'] : ['baseline', 'service'];
    for (const side of order) {
      const result = await runLoad(side === 'service' ? service : baseline);
      (side === 'service' ? a : b).push(result);
      log(`  round ${round + 1} ${side}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, failed ${result.failed}`);
    }
  }
  const serviceSummary = summarise(a);
  const baselineSummary = summarise(b);
  return {
    service: serviceSummary,
    baseline: baselineSummary,
    ratio: round(serviceSummary.requestsPerSecond / baselineSummary.requestsPerSecond),
    p99Ratio: round(serviceSummary.p99Ms / baselineSummary.p99Ms),
  };
}

/** One side alone (no baseline exists for it): warm-up, then the median of the rounds. */
export async function measureAlone(spec: LoadSpec, settings: RoundSettings, log: (line: string) => void): Promise<Summary> {
  if (settings.warmupSeconds > 0) await runLoad({ ...spec, durationSeconds: settings.warmupSeconds });
  const results: LoadResult[] = [];
  for (let round = 0; round < settings.rounds; round++) {
    results.push(await runLoad(spec));
    const last = results[results.length - 1];
    log(`  round ${round + 1}: ${last.requestsPerSecond.toFixed(0)} req/s, p50 ${last.p50Ms} ms, p99 ${last.p99Ms} ms, failed ${last.failed}`);
  }
  return summarise(results);
}

export function summarise(results: readonly LoadResult[]): Summary {
  return {
    requestsPerSecond: Math.round(median(results.map((r) => r.requestsPerSecond))),
    p50Ms: round(median(results.map((r) => r.p50Ms))),
    p99Ms: round(median(results.map((r) => r.p99Ms))),
    failed: results.reduce((sum, r) => sum + r.failed, 0),
    rounds: results,
  };
}
