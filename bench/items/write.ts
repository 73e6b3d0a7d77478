import { comparePair, type PairResult } from '../support/pairs';
import type { RequestVariant } from '../support/load';
import type { ServerProcess } from '../support/processes';
import { json, type ItemContext } from './context';

const BODY = '{"email":"w-{{unique}}@bench.example"}';

/** Item 4's requests: an account created by each owner in turn (a fresh email every time). */
export const accountCreations = (ownerTokens: readonly string[]): RequestVariant[] =>
  ownerTokens.map((token) => ({ headers: { ...json, authorization: `Bearer ${token}` }, body: BODY }));

/**
 * Item 4: POST /v2/accounts (event appends, projections, read-your-writes wait) against
 * baseline server-write.js. Writes rotate over the organizations' owners: every creation
 * appends to its organization's stream, so one organization would only measure conflicts.
 */
export function measureWrites(ctx: ItemContext, baseline: ServerProcess, ownerTokens: readonly string[]): Promise<PairResult> {
  const { settings } = ctx;
  const load = { connections: settings.connections, durationSeconds: settings.durationSeconds, okStatus: 201, method: 'POST' as const, path: '/v2/accounts' };
  ctx.log('4. POST /v2/accounts');
  return comparePair(
    { ...load, baseUrl: ctx.service.url, probe: ctx.probe(ctx.service), variants: accountCreations(ownerTokens) },
    { ...load, baseUrl: baseline.url, probe: ctx.probe(baseline), variants: [{ headers: json, body: BODY }] },
    { rounds: settings.rounds, warmupSeconds: settings.warmupSeconds },
    ctx.log,
  );
}
