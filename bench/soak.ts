/**
 * Soak: the API as its own process on loopback, mixed traffic at a fixed rate over a bounded number
 * of connections for SOAK_SECONDS (default 300). Passes with zero errors (every reply 2xx, no
 * timeouts) and a resident set that stays within 10% (the last minute's mean against the first
 * minute's after warm-up). Prints p50/p99 latency and writes bench/results/<date>-soak.json.
 * Uses DATABASE_URL (a fresh database of its own on that server) or, unset, the embedded database.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { createEmptyDatabase, dropDatabase } from '@app/platform/testing';
import { startApiProcess } from '../test/support/api-process';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
const RATE = Number(process.env.SOAK_RATE ?? 20);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 8);
const WARM_UP_SECONDS = Math.min(30, Math.floor(SECONDS / 10));
const SAMPLE_EVERY_MS = 2_000;
const RSS_TOLERANCE = 0.1;

async function json(url: string, method: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Resident set size of a process in bytes, from /proc (Linux). */
function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(/(\d+)/.exec(line)![1]) * 1024;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

async function main(): Promise<void> {
  const server = process.env.DATABASE_URL;
  const databaseUrl = server ? await createEmptyDatabase(server) : undefined;
  const dataDir = databaseUrl ? undefined : mkdtempSync(path.join(os.tmpdir(), 'soak-'));
  const api = await startApiProcess('apps/api/src/main.ts', { DATABASE_URL: databaseUrl, TEST_DATABASE_URL: undefined, DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  try {
    const email = `soak-${randomUUID()}@example.com`;
    const signUp = await json(`${api.url}/v2/organizations`, 'POST', { email, password: 'soak password', organization: { name: 'Soak' } });
    if (signUp.status !== 200) throw new Error(`sign-up failed: ${signUp.status}`);
    const bearer = { authorization: `Bearer ${signUp.body.access_token as string}` };
    const member = await json(`${api.url}/v2/accounts`, 'POST', { email: `member-${randomUUID()}@example.com` }, bearer);
    const memberId = member.body.account_id as string;
    const pat = await json(`${api.url}/v2/personal_access_tokens`, 'POST', { name: 'soak', scopes: ['accounts--my:ro', 'accounts--all:ro'] }, bearer);
    const basic = { authorization: `Basic ${Buffer.from(`${signUp.body.account_id as string}:${pat.body.token as string}`).toString('base64')}` };

    // The mix, one request each in turn: reads with either credential, then writes that create and change.
    let n = 0;
    const requests: autocannon.Request[] = [
      { method: 'GET', path: '/v2/accounts/me', headers: bearer },
      { method: 'GET', path: '/v2/accounts', headers: basic },
      { method: 'GET', path: `/v2/accounts/${memberId}`, headers: bearer },
      { method: 'GET', path: '/v2/roles', headers: bearer },
      { method: 'GET', path: '/v2/organizations/my', headers: bearer },
      { method: 'GET', path: '/v2/info', headers: bearer },
      // Writes that keep the read models the same size, so a growing resident set means a leak,
      // not more data: a token made and deleted again.
      {
        method: 'POST',
        path: '/v2/personal_access_tokens',
        headers: { ...bearer, 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ name: `soak ${n++}`, scopes: ['accounts--my:ro'] }) }),
        onResponse: (status, body, context) => {
          if (status === 201) (context as { patId?: string }).patId = (JSON.parse(body) as { pat_id: string }).pat_id;
        },
      },
      {
        method: 'DELETE',
        path: '/v2/personal_access_tokens/none',
        headers: bearer,
        setupRequest: (request, context) => ({ ...request, path: `/v2/personal_access_tokens/${(context as { patId?: string }).patId}` }),
      },
      {
        method: 'PATCH',
        path: `/v2/accounts/${memberId}`,
        headers: { ...bearer, 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ name: `Member ${n++}` }) }),
      },
    ];

    const samples: { at: number; rss: number }[] = [];
    const started = Date.now();
    const sampler = setInterval(() => samples.push({ at: (Date.now() - started) / 1000, rss: rssOf(api.child.pid!) }), SAMPLE_EVERY_MS);
    const result = await autocannon({ url: api.url, connections: CONNECTIONS, overallRate: RATE, duration: SECONDS, timeout: 10, requests });
    clearInterval(sampler);

    const firstMinute = samples.filter((s) => s.at >= WARM_UP_SECONDS && s.at < WARM_UP_SECONDS + 60).map((s) => s.rss);
    const lastMinute = samples.filter((s) => s.at >= SECONDS - 60).map((s) => s.rss);
    const drift = mean(lastMinute) / mean(firstMinute) - 1;
    const errors = result.errors + result.timeouts + result.non2xx;
    const report = {
      date: new Date().toISOString(),
      database: databaseUrl ? 'postgres' : 'embedded',
      seconds: SECONDS,
      rate: RATE,
      connections: CONNECTIONS,
      requests: result.requests.total,
      errors: { total: errors, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx },
      latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
      rssMiB: { firstMinute: +(mean(firstMinute) / 2 ** 20).toFixed(1), lastMinute: +(mean(lastMinute) / 2 ** 20).toFixed(1), driftPercent: +(drift * 100).toFixed(1), max: +(Math.max(...samples.map((s) => s.rss)) / 2 ** 20).toFixed(1) },
      machine: { cpus: os.cpus().length, load: os.loadavg().map((l) => +l.toFixed(1)) },
    };
    const dir = path.join(__dirname, 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${report.date.slice(0, 10)}-soak.json`), `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    const failed = errors > 0 || Math.abs(drift) > RSS_TOLERANCE;
    if (failed) process.stderr.write(`soak FAILED: ${errors} errors, RSS drift ${(drift * 100).toFixed(1)}%\n${api.output().slice(-2000)}\n`);
    process.exitCode = failed ? 1 : 0;
  } finally {
    await api.stop();
    if (databaseUrl) await dropDatabase(server!, databaseUrl);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
