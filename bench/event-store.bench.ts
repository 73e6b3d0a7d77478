/**
 * Event store benchmark: appends (1 event each, 16 concurrent appenders) beside a plain INSERT
 * loop into an equivalent table on the same database, in alternating rounds; then a projection
 * rebuild over 100k events. Prints ratios and writes bench/results/<date>-event-store.json.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { PlatformRuntime, type EventToAppend } from '@app/platform';
import { createEmptyDatabase, dropDatabase, silentLog } from '@app/platform/testing';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CONCURRENCY = 16;
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REBUILD_EVENTS = Number(process.env.BENCH_REBUILD_EVENTS ?? 100_000);

const PLAIN_TABLE = `CREATE TABLE plain_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stream_id text NOT NULL, stream_revision bigint NOT NULL,
  event_id uuid NOT NULL, type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(), UNIQUE (stream_id, stream_revision))`;

function event(i: number): EventToAppend {
  const id = randomUUID();
  return {
    id,
    type: 'AccountCreated',
    data: { account_id: id, email: `user${i}@example.com`, name: `User ${i}` },
    metadata: { schemaVersion: 1, correlationId: id, causationId: id, actorId: 'system', requestId: id, occurredAt: new Date().toISOString() },
  };
}

/** Runs `work` from CONCURRENCY workers for ROUND_SECONDS; returns operations per second. */
async function measure(work: (worker: number, i: number) => Promise<unknown>): Promise<number> {
  const deadline = Date.now() + ROUND_SECONDS * 1000;
  let done = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, worker) => {
      for (let i = 0; Date.now() < deadline; i++) {
        await work(worker, i);
        done++;
      }
    }),
  );
  return done / ((Date.now() - started) / 1000);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const url = await createEmptyDatabase(SERVER);
  const runtime = await PlatformRuntime.open({ databaseUrl: url, poolSize: CONCURRENCY, log: silentLog });
  const plain = new Pool({ connectionString: url, max: CONCURRENCY });
  try {
    await plain.query(PLAIN_TABLE);
    const appendRates: number[] = [];
    const insertRates: number[] = [];
    const preparedInsertRates: number[] = [];
    const plainInsert = (prepared: boolean, label: string, round: number) => (worker: number, i: number) => {
      const e = event(i);
      const text = 'INSERT INTO plain_events (stream_id, stream_revision, event_id, type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)';
      const values = [`${label}-${round}-${worker}`, i, e.id, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata)];
      return prepared ? plain.query({ name: 'plain_insert', text, values }) : plain.query(text, values);
    };
    for (let round = 0; round < ROUNDS; round++) {
      const revisions = new Map<string, number>();
      appendRates.push(
        await measure(async (worker, i) => {
          const stream = `bench-${round}-${worker}`;
          const expected = revisions.get(stream) ?? -1;
          const result = await runtime.store.appendToStream(stream, [event(i)], { expectedRevision: expected < 0 ? 'no_stream' : expected });
          revisions.set(stream, result.nextExpectedRevision);
        }),
      );
      insertRates.push(await measure(plainInsert(false, 'plain', round)));
      preparedInsertRates.push(await measure(plainInsert(true, 'prepared', round)));
      process.stderr.write(
        `round ${round + 1}: appends ${appendRates[round].toFixed(0)}/s, plain inserts ${insertRates[round].toFixed(0)}/s, ` +
          `prepared plain inserts ${preparedInsertRates[round].toFixed(0)}/s\n`,
      );
    }

    // Top the log up to REBUILD_EVENTS, 100 events per append, then rebuild.
    const have = await runtime.store.countAfter(null);
    for (let n = have; n < REBUILD_EVENTS; n += 100) {
      await runtime.store.appendToStream(`seed-${randomUUID()}`, Array.from({ length: Math.min(100, REBUILD_EVENTS - n) }, (_, i) => event(i)), {
        expectedRevision: 'no_stream',
      });
    }
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    const rebuild = await runtime.rebuilder.rebuild(runtime.projection('stream-catalogue'));
    clearInterval(sampler);

    const results = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      method: { concurrency: CONCURRENCY, roundSeconds: ROUND_SECONDS, rounds: ROUNDS, statistic: 'median of alternating rounds' },
      append: {
        appendsPerSecond: Math.round(median(appendRates)),
        plainInsertsPerSecond: Math.round(median(insertRates)),
        ratio: +(median(appendRates) / median(insertRates)).toFixed(2),
        preparedPlainInsertsPerSecond: Math.round(median(preparedInsertRates)),
        ratioToPrepared: +(median(appendRates) / median(preparedInsertRates)).toFixed(2),
        note: 'appends run as named prepared statements; the plain loop is measured both unprepared (as a typical app writes it) and prepared',
        target: '>= 0.7',
      },
      rebuild: { events: rebuild.events, eventsPerSecond: rebuild.eventsPerSecond, peakRssMiB: Math.round(peakRss / 2 ** 20), target: '>= 20000 events/s' },
    };
    const file = path.join(__dirname, 'results', `${results.date.slice(0, 10)}-event-store.json`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(results, null, 2)}\nwritten to ${path.relative(process.cwd(), file)}\n`);
  } finally {
    await plain.end();
    await runtime.close();
    await dropDatabase(SERVER, url);
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
