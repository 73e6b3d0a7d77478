/**
 * Audit replay memory: seeds a log of BENCH_AUDIT_EVENTS (default 1,000,000) account events on
 * PostgreSQL, runs the real `admin audit --json` over it as a child process, and samples the
 * child's peak resident set (VmHWM) while its output is counted and dropped. The replay reads,
 * describes and prints one batch at a time, so the peak should not grow with the log.
 *
 * The child is the production build, as operators run it (`node dist/apps/admin/src/main.js`):
 * `npm run build` first (BENCH_AUDIT_BUILD=0 skips it). BENCH_AUDIT_NODE_FLAGS adds node flags to
 * the child (e.g. --max-old-space-size=256), BENCH_AUDIT_FROM_SOURCE=1 runs the TypeScript through
 * @swc-node/register instead (its compiler alone costs some 80 MB). The report names both.
 * Usage: DATABASE_URL=postgres://... npm run bench:audit
 */
import 'reflect-metadata';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Pool } from 'pg';
import { PlatformRuntime } from '@app/platform';
import { createEmptyDatabase, dropDatabase, silentLog } from '@app/platform/testing';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
const PER_STREAM = 8;
const CHUNK = 100_000;
const ROOT = path.resolve(__dirname, '..');
const FROM_SOURCE = process.env.BENCH_AUDIT_FROM_SOURCE === '1';
const NODE_FLAGS = (process.env.BENCH_AUDIT_NODE_FLAGS ?? '').split(' ').filter(Boolean);
const CHILD = FROM_SOURCE ? ['-r', '@swc-node/register', 'apps/admin/src/main.ts'] : ['dist/apps/admin/src/main.js'];

/**
 * Accounts of PER_STREAM events each (created, then updates of a sealed name), seeded with SQL in
 * chunks of one transaction each: the global order is what appends would give, far faster.
 */
const SEED = `INSERT INTO es_events (stream_id, stream_revision, event_id, type, data, metadata)
  SELECT 'account-' || md5((i / ${PER_STREAM})::text)::uuid, i % ${PER_STREAM}, md5('e' || i)::uuid,
    CASE WHEN i % ${PER_STREAM} = 0 THEN 'AccountCreated' ELSE 'AccountUpdated' END,
    CASE WHEN i % ${PER_STREAM} = 0
      THEN jsonb_build_object('account_id', md5((i / ${PER_STREAM})::text)::uuid, 'organization_id', md5('o' || (i / 800))::uuid,
        'email', jsonb_build_object('enc', 'aes-256-gcm', 'iv', 'AAAAAAAAAAAAAAAA', 'tag', 'AAAAAAAAAAAAAAAAAAAAAA==', 'data', 'c2VhbGVk'),
        'email_hash', md5(i::text) || md5(i::text), 'name', null, 'avatar_url', null, 'default_product', 'Accounts',
        'email_verified', false, 'created_at', now(), 'password_set', false)
      ELSE jsonb_build_object('account_id', md5((i / ${PER_STREAM})::text)::uuid, 'updated_at', now(),
        'changes', jsonb_build_object('name', jsonb_build_object('enc', 'aes-256-gcm', 'iv', 'AAAAAAAAAAAAAAAA', 'tag', 'AAAAAAAAAAAAAAAAAAAAAA==', 'data', md5(i::text))))
    END,
    jsonb_build_object('schemaVersion', 1, 'correlationId', md5('c' || i)::uuid, 'causationId', md5('c' || i)::uuid,
      'actorId', md5((i / 800)::text)::uuid, 'requestId', md5('c' || i)::uuid, 'occurredAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
  FROM generate_series($1::bigint, $2::bigint - 1) AS i`;

function peakRss(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

async function replay(url: string): Promise<{ lines: number; peakBytes: number; seconds: number; progressLines: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [...NODE_FLAGS, ...CHILD, 'audit', '--json'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let lines = 0;
  let peakBytes = 0;
  let progressLines = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    progressLines += chunk.toString().split('\n').filter((l) => l.startsWith('audit:')).length;
    if (process.env.BENCH_VERBOSE) process.stderr.write(chunk);
  });
  const sampler = setInterval(() => (peakBytes = Math.max(peakBytes, peakRss(child.pid!) ?? 0)), 100);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`admin audit exited with ${code}`);
  return { lines, peakBytes, seconds: (Date.now() - started) / 1000, progressLines };
}

async function main(): Promise<void> {
  if (!FROM_SOURCE && process.env.BENCH_AUDIT_BUILD !== '0') execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = await createEmptyDatabase(SERVER);
  // Creates the event store's schema.
  const runtime = await PlatformRuntime.open({ databaseUrl: url, log: silentLog });
  await runtime.close();
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    for (let from = 0; from < EVENTS; from += CHUNK) await pool.query(SEED, [from, Math.min(from + CHUNK, EVENTS)]);
    await pool.query('ANALYZE es_events');
    const result = await replay(url);
    const summary = {
      events: EVENTS,
      child: `node ${[...NODE_FLAGS, ...CHILD].join(' ')} audit --json`,
      printedLines: result.lines,
      peakRssMb: Math.round((result.peakBytes / 1024 / 1024) * 10) / 10,
      seconds: Math.round(result.seconds),
      eventsPerSecond: Math.round(EVENTS / result.seconds),
      progressLinesOnStderr: result.progressLines,
    };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    if (result.lines !== EVENTS) throw new Error(`expected ${EVENTS} lines, got ${result.lines}`);
  } finally {
    await pool.end();
    await dropDatabase(SERVER, url);
  }
}

void main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
