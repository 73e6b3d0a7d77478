import os from 'node:os';
import type { RequestVariant } from '../support/load';
import { measureAlone, type Summary } from '../support/pairs';
import type { SeededOrganization } from '../support/seeder';
import { round } from '../support/stats';
import type { ItemContext } from './context';

const form = { 'content-type': 'application/x-www-form-urlencoded' } as const;

/** Item 5's requests: the refresh_token grant of each family in turn. */
export const refreshGrants = (grant: RefreshGrantSeed): RequestVariant[] =>
  grant.refreshTokens.map((token) => ({
    headers: form,
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token, client_id: grant.clientId, client_secret: grant.clientSecret }).toString(),
  }));

export interface RefreshGrantSeed {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshTokens: readonly string[];
}

/**
 * Item 5: the refresh_token grant of a confidential client (its refresh tokens do not rotate, so
 * each family can be used again). Every request appends to its family's stream and issues an
 * access token, so requests rotate over many families.
 */
export function measureRefresh(ctx: ItemContext, grant: RefreshGrantSeed): Promise<Summary> {
  ctx.log('5. POST /v2/token, refresh_token grant');
  const variants = refreshGrants(grant);
  const { settings } = ctx;
  const spec = { baseUrl: ctx.service.url, probe: ctx.probe(ctx.service), method: 'POST' as const, path: '/v2/token', variants, okStatus: 200, connections: settings.connections, durationSeconds: settings.durationSeconds };
  return measureAlone(spec, { rounds: settings.rounds, warmupSeconds: settings.warmupSeconds }, ctx.log);
}

export interface SignInResult extends Summary {
  readonly loginsPerSecondPerCore: number;
  readonly cores: number;
}

/**
 * Item 6: POST /signin with email and password (argon2id verification, then a new session),
 * the form a browser posts. Owners of many organizations take turns: only failures are
 * throttled, but turns keep any per-account cost from piling up on one.
 */
export async function measureSignIn(ctx: ItemContext, owners: readonly SeededOrganization[]): Promise<SignInResult> {
  ctx.log('6. POST /signin, password');
  const page = await fetch(`${ctx.service.url}/signin`);
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0];
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!cookie || !csrf) throw new Error('the sign-in page gave no CSRF cookie and field');
  const variants = owners.map((owner) => ({
    headers: { ...form, cookie },
    body: new URLSearchParams({ csrf, email: owner.ownerEmail, password: owner.ownerPassword, return_to: '/' }).toString(),
  }));
  const { settings } = ctx;
  // Each login holds 19 MiB for argon2 on the thread pool; more connections only queue.
  const spec = { baseUrl: ctx.service.url, probe: ctx.probe(ctx.service), method: 'POST' as const, path: '/signin', variants, okStatus: 303, connections: Math.min(settings.connections, 16), durationSeconds: settings.durationSeconds };
  const summary = await measureAlone(spec, { rounds: settings.rounds, warmupSeconds: settings.warmupSeconds }, ctx.log);
  const cores = os.cpus().length;
  return { ...summary, cores, loginsPerSecondPerCore: round(summary.requestsPerSecond / cores, 1) };
}
