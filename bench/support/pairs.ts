import { runLoad, type LoadResult, type LoadSpec } from './load';
import { withCost, type CostProbe, type RequestCost } from './request-cost';
import { median, percent, round } from './stats';

/** A load, and where to read what its requests cost (optional). */
export interface MeasuredLoad extends LoadSpec {
  readonly probe?: CostProbe;
}

export type MeasuredRound = LoadResult & { readonly cost?: RequestCost };

export interface Summary {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Replies that were not the expected status, summed over the rounds (should be 0). */
  readonly failed: number;
  /** Per successful request, median of the rounds; when the load had a probe. */
  readonly cost?: RequestCost;
  readonly rounds: readonly MeasuredRound[];
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
export async function comparePair(service: MeasuredLoad, baseline: MeasuredLoad, settings: RoundSettings, log: (line: string) => void): Promise<PairResult> {
  if (settings.warmupSeconds > 0) {
    await runLoad({ ...service, durationSeconds: settings.warmupSeconds });
    await runLoad({ ...baseline, durationSeconds: settings.warmupSeconds });
  }
  const a: MeasuredRound[] = [];
  const b: MeasuredRound[] = [];
  for (let round = 0; round < settings.rounds; round++) {
    const order = round % 2 === 0 ? ['service', 'baseline'] : ['baseline', 'service'];
    for (const side of order) {
      const result = await measuredRound(side === 'service' ? service : baseline);
      (side === 'service' ? a : b).push(result);
      log(`  round ${round + 1} ${side}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, failed ${result.failed}${describeCost(result.cost)}`);
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
export async function measureAlone(spec: MeasuredLoad, settings: RoundSettings, log: (line: string) => void): Promise<Summary> {
  if (settings.warmupSeconds > 0) await runLoad({ ...spec, durationSeconds: settings.warmupSeconds });
  const results: MeasuredRound[] = [];
  for (let round = 0; round < settings.rounds; round++) {
    results.push(await measuredRound(spec));
    const last = results[results.length - 1];
    log(`  round ${round + 1}: ${last.requestsPerSecond.toFixed(0)} req/s, p50 ${last.p50Ms} ms, p99 ${last.p99Ms} ms, failed ${last.failed}${describeCost(last.cost)}`);
  }
  return summarise(results);
}

export function summarise(results: readonly MeasuredRound[]): Summary {
  const cost = medianCost(results.flatMap((r) => (r.cost ? [r.cost] : [])));
  return {
    requestsPerSecond: Math.round(median(results.map((r) => r.requestsPerSecond))),
    p50Ms: round(median(results.map((r) => r.p50Ms))),
    p99Ms: round(median(results.map((r) => r.p99Ms))),
    failed: results.reduce((sum, r) => sum + r.failed, 0),
    ...(cost ? { cost } : {}),
    rounds: results,
  };
}

function measuredRound(spec: MeasuredLoad): Promise<MeasuredRound> {
  const { probe, ...load } = spec;
  return withCost(probe, () => runLoad(load), (result) => result.ok);
}

/** Each figure's median over the rounds that measured it. */
function medianCost(costs: readonly RequestCost[]): RequestCost | undefined {
  if (!costs.length) return undefined;
  const of = (pick: (cost: RequestCost) => number | undefined) => {
    const values = costs.flatMap((cost) => (pick(cost) === undefined ? [] : [pick(cost)!]));
    return values.length ? round(median(values)) : undefined;
  };
  const optional = (name: 'loadCpuMs' | 'statements' | 'walBytes' | 'walFullPageImages' | 'serverMainThreadBusy' | 'coresIdle' | 'serverMainThreadWaiting') =>
    of((c) => c[name]) === undefined ? {} : { [name]: of((c) => c[name]) };
  return {
    serverCpuMs: of((c) => c.serverCpuMs)!,
    databaseCpuMs: of((c) => c.databaseCpuMs)!,
    transactions: of((c) => c.transactions)!,
    ...optional('loadCpuMs'),
    ...optional('statements'),
    ...optional('walBytes'),
    ...optional('walFullPageImages'),
    ...optional('serverMainThreadBusy'),
    ...optional('coresIdle'),
    ...optional('serverMainThreadWaiting'),
  };
}

const waiting = (cost: RequestCost) => (cost.serverMainThreadWaiting === undefined ? '' : ` and ${percent(cost.serverMainThreadWaiting)} waiting for a core`);

function describeCost(cost: RequestCost | undefined): string {
  if (!cost) return '';
  const statements = cost.statements === undefined ? '' : `, ${cost.statements} statements`;
  const wal = cost.walBytes === undefined ? '' : `, WAL ${cost.walBytes} bytes (${cost.walFullPageImages} full pages)`;
  const shares =
    cost.serverMainThreadBusy === undefined || cost.coresIdle === undefined
      ? ''
      : `; server main thread ${percent(cost.serverMainThreadBusy)} busy${waiting(cost)}, cores ${percent(cost.coresIdle)} idle`;
  return `; per request: server ${cost.serverCpuMs} ms CPU, PostgreSQL ${cost.databaseCpuMs} ms, ${cost.transactions} transactions${statements}${wal}${shares}`;
}
