import { comparePair, type MeasuredLoad, type PairResult } from '../support/pairs';
import type { ServerProcess } from '../support/processes';
import type { ItemContext } from './context';

export interface ReadCredentials {
  /** Access tokens of distinct accounts. */
  readonly bearerTokens: readonly string[];
  /** `Basic ...` header values of PATs of distinct accounts. */
  readonly patHeaders: readonly string[];
}

export interface ReadResults {
  readonly meBearer: PairResult;
  readonly infoBearer: PairResult;
  readonly mePat: PairResult;
}

/**
 * Items 1-3: authenticated reads against baseline server.js. Both sides rotate through as many
 * distinct credentials (the baseline's tok1..tokN), so neither answers one hot row.
 */
export async function measureReads(ctx: ItemContext, baseline: ServerProcess, credentials: ReadCredentials): Promise<ReadResults> {
  const { settings } = ctx;
  const load = { connections: settings.connections, durationSeconds: settings.durationSeconds, okStatus: 200, method: 'GET' as const };
  const bearer = (tokens: readonly string[]) => tokens.map((token) => ({ headers: { authorization: `Bearer ${token}` } }));
  const limit: MeasuredLoad = {
    ...load,
    baseUrl: baseline.url,
    probe: ctx.probe(baseline),
    path: '/v2/accounts/me',
    variants: bearer(Array.from({ length: credentials.bearerTokens.length }, (_, i) => `tok${i + 1}`)),
  };
  const rounds = { rounds: settings.rounds, warmupSeconds: settings.warmupSeconds };
  ctx.log('1. GET /v2/accounts/me, Bearer');
  const meBearer = await comparePair({ ...load, baseUrl: ctx.service.url, probe: ctx.probe(ctx.service), path: '/v2/accounts/me', variants: bearer(credentials.bearerTokens) }, limit, rounds, ctx.log);
  ctx.log('2. GET /v2/info, Bearer');
  const infoBearer = await comparePair({ ...load, baseUrl: ctx.service.url, probe: ctx.probe(ctx.service), path: '/v2/info', variants: bearer(credentials.bearerTokens) }, limit, rounds, ctx.log);
  ctx.log('3. GET /v2/accounts/me, Basic PAT');
  const patVariants = credentials.patHeaders.map((authorization) => ({ headers: { authorization } }));
  const mePat = await comparePair({ ...load, baseUrl: ctx.service.url, probe: ctx.probe(ctx.service), path: '/v2/accounts/me', variants: patVariants }, limit, rounds, ctx.log);
  return { meBearer, infoBearer, mePat };
}
