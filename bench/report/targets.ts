import type { PairResult } from '../support/pairs';
import type { BenchResults } from './results';

export interface TargetCheck {
  readonly item: string;
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

/** The ratio as measured: the stored one is rounded to two places, and 0.4976 must not pass for 0.5. */
const exactRatio = (pair: PairResult) => pair.service.requestsPerSecond / pair.baseline.requestsPerSecond;
const pairMet = (pair: PairResult, minRatio: number, checkP99: boolean) => exactRatio(pair) >= minRatio && (!checkP99 || pair.p99Ratio <= 2) && pair.service.failed === 0;
/** Where rounding would carry the ratio over the target, it is shown to three places. */
const pairText = (pair: PairResult, minRatio: number) => {
  const ratio = exactRatio(pair) < minRatio && pair.ratio >= minRatio ? exactRatio(pair).toFixed(3) : String(pair.ratio);
  return `${ratio}x req/s, p99 ${pair.p99Ratio}x${pair.service.failed ? `, ${pair.service.failed} failed replies` : ''}`;
};

/** The issue's targets, judged from one run's figures. */
export function checkTargets(r: BenchResults): TargetCheck[] {
  const [small, large] = r.rebuild;
  const rss = large ? large.peakRssMiB / small.peakRssMiB : NaN;
  const list = r.growth.list;
  // Linear: the cost per account at the largest size is no more than 1.5x that at the middle one
  // (the smallest is dominated by the fixed cost of a request).
  const perAccount = list.length >= 2 ? list[list.length - 1].microsecondsPerAccount / list[list.length - 2].microsecondsPerAccount : NaN;
  const [w0, w1] = r.growth.writeLatency.filter((w) => !w.afterRebuild);
  const writeGrowth = w1 ? w1.p50Ms / w0.p50Ms : NaN;
  return [
    { item: '1. GET /v2/accounts/me, Bearer', target: '>= 1.0x req/s, p99 <= 2x', measured: pairText(r.reads.meBearer, 1), met: pairMet(r.reads.meBearer, 1, true) },
    { item: '2. GET /v2/info, Bearer', target: '>= 1.0x req/s, p99 <= 2x', measured: pairText(r.reads.infoBearer, 1), met: pairMet(r.reads.infoBearer, 1, true) },
    { item: '3. GET /v2/accounts/me, Basic PAT', target: '>= 1.0x req/s, p99 <= 2x', measured: pairText(r.reads.mePat, 1), met: pairMet(r.reads.mePat, 1, true) },
    { item: '4. POST /v2/accounts', target: '>= 0.5x req/s', measured: pairText(r.write, 0.5), met: pairMet(r.write, 0.5, false) },
    { item: '5. POST /v2/token, refresh_token', target: '>= 1,000 req/s', measured: `${r.refresh.requestsPerSecond} req/s`, met: r.refresh.requestsPerSecond >= 1000 },
    { item: '6. Sign-in with password', target: '>= 30 logins/s per core', measured: `${r.signIn.loginsPerSecondPerCore} logins/s per core`, met: r.signIn.loginsPerSecondPerCore >= 30 },
    {
      item: '7. Projections rebuild --all',
      target: '>= 20,000 events/s (slowest projection), RSS flat',
      measured: r.rebuild.map((b) => `${b.events} events: slowest ${b.slowestEventsPerSecond}/s, median ${b.medianEventsPerSecond}/s, peak RSS ${b.peakRssMiB} MiB`).join('; '),
      met: r.rebuild.every((b) => b.slowestEventsPerSecond >= 20_000) && rss <= 1.5,
    },
    {
      item: '8. GET /v2/accounts cost',
      target: 'linear in the organization size',
      measured: `${list.map((p) => `${p.accounts}: ${p.p50Ms} ms`).join(', ')} (per account ${perAccount.toFixed(2)}x from the middle to the largest)`,
      met: perAccount <= 1.5,
    },
    {
      item: '8. Write latency vs store size',
      target: 'flat (p50 within 1.5x)',
      measured: r.growth.writeLatency.map((w) => `${w.storeEvents} events${w.afterRebuild ? ' (right after a rebuild)' : ''}${w.afterCheckpoint ? ' (right after a checkpoint)' : ''}: p50 ${w.p50Ms} ms, p99 ${w.p99Ms} ms`).join('; '),
      met: writeGrowth <= 1.5,
    },
  ];
}
