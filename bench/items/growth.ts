import { runLoad } from '../support/load';
import { percentile, round } from '../support/stats';
import type { SeededOrganization } from '../support/seeder';
import { json, type ItemContext } from './context';

export interface ListPoint {
  readonly accounts: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  /** p50 divided by the organization's size: flat when the cost is linear. */
  readonly microsecondsPerAccount: number;
}

/**
 * Item 8a: GET /v2/accounts as the owner of organizations of growing size. Few connections:
 * this is about the cost of one answer, not throughput.
 */
export async function measureListGrowth(ctx: ItemContext, organizations: readonly SeededOrganization[]): Promise<ListPoint[]> {
  const points: ListPoint[] = [];
  for (const organization of organizations) {
    const accounts = organization.members.length + 1;
    ctx.log(`8. GET /v2/accounts, ${accounts} accounts`);
    const spec = {
      baseUrl: ctx.service.url,
      method: 'GET' as const,
      path: '/v2/accounts',
      variants: [{ headers: { authorization: `Bearer ${organization.ownerToken}` } }],
      okStatus: 200,
      connections: 4,
      durationSeconds: ctx.settings.durationSeconds,
    };
    await runLoad({ ...spec, durationSeconds: ctx.settings.warmupSeconds || 1 });
    const result = await runLoad(spec);
    if (result.failed) ctx.log(`  ${result.failed} failed replies`);
    points.push({ accounts, requestsPerSecond: Math.round(result.requestsPerSecond), p50Ms: result.p50Ms, microsecondsPerAccount: round((result.p50Ms * 1000) / accounts, 1) });
    ctx.log(`  ${result.requestsPerSecond.toFixed(1)} req/s, p50 ${result.p50Ms} ms`);
  }
  return points;
}

export interface WriteLatencyPoint {
  readonly storeEvents: number;
  readonly writes: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Probed right after `projections rebuild --all` had swapped every read model (not a store-size point). */
  readonly afterRebuild?: boolean;
  /** Probed right after ANALYZE and a CHECKPOINT (AppContext.settle); runs before this field did neither. */
  readonly afterCheckpoint?: boolean;
}

/** Write latency in one organization of a given size (the store's size being the same for all). */
export interface OrganizationWritePoint {
  readonly members: number;
  readonly writes: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/**
 * Item 8b: one writer creating accounts one after another in a fresh, small organization, so the
 * only thing that grew is the store. Latency includes the read-your-writes wait.
 */
export async function probeWriteLatency(
  ctx: ItemContext,
  organization: SeededOrganization,
  storeEvents: number,
  { afterRebuild = false, afterCheckpoint = false }: { afterRebuild?: boolean; afterCheckpoint?: boolean } = {},
): Promise<WriteLatencyPoint> {
  ctx.log(`8. write latency at ${storeEvents} events${afterRebuild ? ', right after a rebuild' : ''}${afterCheckpoint ? ', right after a checkpoint' : ''}`);
  const latencies = await sequentialWrites(ctx, organization, `probe-${storeEvents}`);
  const point = {
    storeEvents,
    writes: latencies.length,
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    ...(afterRebuild ? { afterRebuild } : {}),
    ...(afterCheckpoint ? { afterCheckpoint } : {}),
  };
  ctx.log(`  p50 ${point.p50Ms} ms, p99 ${point.p99Ms} ms`);
  return point;
}

/**
 * Beside item 8b: the same writer in organizations of growing size, the store's size fixed. Every
 * new account joins the organization, whose stream and read models grow with its members.
 */
export async function probeWriteLatencyByOrganizationSize(ctx: ItemContext, organizations: readonly SeededOrganization[]): Promise<OrganizationWritePoint[]> {
  const points: OrganizationWritePoint[] = [];
  for (const organization of organizations) {
    const members = organization.members.length + 1;
    ctx.log(`8. write latency in an organization of ${members} members`);
    const latencies = await sequentialWrites(ctx, organization, `probe-members-${members}`);
    points.push({ members, writes: latencies.length, p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)) });
    ctx.log(`  p50 ${points[points.length - 1].p50Ms} ms, p99 ${points[points.length - 1].p99Ms} ms`);
  }
  return points;
}

/** POST /v2/accounts one after another as the organization's owner; the latency of each, in ms. */
async function sequentialWrites(ctx: ItemContext, organization: SeededOrganization, label: string): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < ctx.settings.latencyProbeWrites; i++) {
    const started = performance.now();
    const response = await fetch(`${ctx.service.url}/v2/accounts`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${organization.ownerToken}` },
      body: JSON.stringify({ email: `${label}-${i}-${Date.now().toString(36)}@bench.example` }),
    });
    await response.arrayBuffer();
    if (response.status !== 201) throw new Error(`probe write failed: ${response.status}`);
    latencies.push(performance.now() - started);
  }
  return latencies;
}
