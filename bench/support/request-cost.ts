import { readdirSync, readFileSync } from 'node:fs';
import { Client } from 'pg';
import { loadTool } from './load';
import { round } from './stats';

/**
 * What one successful request cost during a round, beside its rate: CPU of the server under test,
 * of PostgreSQL, of the load generator, and the database work behind it. On a machine whose cores
 * are all busy, these explain a rate: the rate is about (cores) / (CPU per request).
 */
export interface RequestCost {
  /** CPU milliseconds of the server process (all its threads). */
  readonly serverCpuMs: number;
  /** CPU milliseconds of every PostgreSQL process: one side is loaded at a time, so it is this side's. */
  readonly databaseCpuMs: number;
  /** CPU milliseconds of the load generator (autocannon runs in the benchmark's own process; absent for wrk). */
  readonly loadCpuMs?: number;
  /** Transactions committed in the side's database (PostgreSQL's statistics, flushed within a second). */
  readonly transactions: number;
  /** Statements the server sent, from its `database_statements_total` (servers that expose it). */
  readonly statements?: number;
  /**
   * Bytes of WAL the PostgreSQL server wrote (its insert position's advance), and of them the full
   * page images: the first change to a page after a checkpoint logs the whole 8 kB page, so writes
   * spread over more pages (larger indexes with random keys) log more. Server-wide, like the CPU.
   */
  readonly walBytes?: number;
  readonly walFullPageImages?: number;
  /**
   * Not per request but of the round as a whole: the share of its wall time the server's main
   * thread was on a core (its JavaScript, one thread whatever the cores), and the share of the
   * machine's core time left idle. A round with idle cores and a main thread near 1 is held back by
   * that thread, not by the machine.
   */
  readonly serverMainThreadBusy?: number;
  readonly coresIdle?: number;
  /**
   * The share of the round's wall time the server's main thread was ready to run but waited for a
   * core (the scheduler's run-queue delay). Idle cores on average do not mean a free core whenever
   * the thread wakes: with the database and the load generator on the same cores, busy plus waiting
   * near 1 means the thread had work all along. Absent where the kernel keeps no such figure.
   */
  readonly serverMainThreadWaiting?: number;
}

/** Where a side's cost is read: its process, its database, and its metrics if it has them. */
export interface CostProbe {
  readonly pid: number;
  /** The PostgreSQL server (any database on it), for the statistics. */
  readonly serverUrl: string;
  readonly database: string;
  readonly metricsUrl?: string;
}

interface Reading {
  readonly server: number;
  /** CPU ms of each PostgreSQL process by pid. */
  readonly postgres: ReadonlyMap<string, number>;
  readonly load: number;
  readonly transactions: number;
  readonly statements?: number;
  readonly wal: WalPosition;
}

interface WalPosition {
  readonly bytes: number;
  readonly fullPageImages: number;
}

const TICKS_PER_SECOND = 100;

/** Runs `round` between two readings of the probe; the cost is divided over `requests(result)`. */
export async function withCost<T extends object>(probe: CostProbe | undefined, round: () => Promise<T>, requests: (result: T) => number): Promise<T & { cost?: RequestCost }> {
  if (!probe) return round();
  const before = await read(probe);
  const startOfRound = sharesReading(probe.pid);
  const result = await round();
  const endOfRound = sharesReading(probe.pid);
  // The backends flush their transaction counts at most once a second once idle.
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  const after = await read(probe);
  const count = requests(result);
  if (!count) return result;
  const per = (a: number, b: number) => round2((b - a) / count);
  return {
    ...result,
    cost: {
      serverCpuMs: per(before.server, after.server),
      databaseCpuMs: per(0, postgresCpuBetween(before.postgres, after.postgres)),
      ...(loadTool() === 'autocannon' ? { loadCpuMs: per(before.load, after.load) } : {}),
      transactions: per(before.transactions, after.transactions),
      ...(before.statements !== undefined && after.statements !== undefined ? { statements: per(before.statements, after.statements) } : {}),
      walBytes: Math.round((after.wal.bytes - before.wal.bytes) / count),
      walFullPageImages: per(before.wal.fullPageImages, after.wal.fullPageImages),
      ...roundShares(startOfRound, endOfRound),
    },
  };
}

const round2 = (value: number) => round(value, 2);

async function read(probe: CostProbe): Promise<Reading> {
  // Processes first: the statistics query's own backend is then not among them.
  const usage = process.cpuUsage();
  const processes = { server: cpuMs(probe.pid), postgres: postgresCpuByPid(), load: (usage.user + usage.system) / 1000 };
  const [{ transactions, wal }, statements] = await Promise.all([databaseCounters(probe), probe.metricsUrl ? statementsSent(probe.metricsUrl) : undefined]);
  return { ...processes, transactions, statements, wal };
}

/**
 * CPU the PostgreSQL processes used between two readings: a process in both counts its increase,
 * one that started in between all of it. One that ended in between is missed (pools keep their
 * connections while busy; an idle one closing has nothing to add): the figure errs low, never
 * negative.
 */
export function postgresCpuBetween(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** utime + stime of a process (every thread), in milliseconds. */
export function cpuMs(pid: number | string): number {
  return cpuMsOfStat(`/proc/${pid}/stat`);
}

/** utime + stime of a process's main thread (the one whose id is the process's), in milliseconds. */
export function mainThreadCpuMs(pid: number | string): number {
  return cpuMsOfStat(`/proc/${pid}/task/${pid}/stat`);
}

/**
 * Milliseconds a process's main thread has spent ready to run but waiting for a core: the second
 * field of its schedstat (nanoseconds). Undefined where the kernel keeps no scheduler statistics.
 */
export function mainThreadRunQueueMs(pid: number | string): number | undefined {
  try {
    return runQueueMsOf(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** `<on a core ns> <waiting for a core ns> <timeslices>` -> the waiting, in milliseconds. */
export function runQueueMsOf(schedstat: string): number | undefined {
  const waitingNs = Number(schedstat.trim().split(/\s+/)[1]);
  return Number.isFinite(waitingNs) ? waitingNs / 1e6 : undefined;
}

function cpuMsOfStat(file: string): number {
  const stat = readFileSync(file, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** The machine's core time so far, in ticks: all of it, and the idle part (idle and iowait). */
export interface CoreTicks {
  readonly total: number;
  readonly idle: number;
}

/** The first line of /proc/stat: user nice system idle iowait irq softirq steal (guest time is in user). */
export function coreTicksOf(procStat: string): CoreTicks {
  const fields = procStat.slice(0, procStat.indexOf('\n')).trim().split(/\s+/).slice(1, 9).map(Number);
  return { total: fields.reduce((sum, value) => sum + value, 0), idle: fields[3] + fields[4] };
}

export interface SharesReading {
  readonly at: number;
  readonly mainThreadMs: number;
  readonly cores: CoreTicks;
  readonly mainThreadRunQueueMs?: number;
}

function sharesReading(pid: number): SharesReading {
  return {
    at: performance.now(),
    mainThreadMs: mainThreadCpuMs(pid),
    cores: coreTicksOf(readFileSync('/proc/stat', 'utf8')),
    mainThreadRunQueueMs: mainThreadRunQueueMs(pid),
  };
}

/** The round's main thread busy and idle core shares (see RequestCost), from readings at its ends. */
export function roundShares(
  start: SharesReading,
  end: SharesReading,
): { serverMainThreadBusy?: number; coresIdle?: number; serverMainThreadWaiting?: number } {
  const wallMs = end.at - start.at;
  const coreTicks = end.cores.total - start.cores.total;
  if (wallMs <= 0 || coreTicks <= 0) return {};
  const waiting =
    start.mainThreadRunQueueMs === undefined || end.mainThreadRunQueueMs === undefined
      ? {}
      : { serverMainThreadWaiting: round2((end.mainThreadRunQueueMs - start.mainThreadRunQueueMs) / wallMs) };
  return {
    serverMainThreadBusy: round2((end.mainThreadMs - start.mainThreadMs) / wallMs),
    coresIdle: round2((end.cores.idle - start.cores.idle) / coreTicks),
    ...waiting,
  };
}

/** Every process named postgres, by pid. */
function postgresCpuByPid(): Map<string, number> {
  const byPid = new Map<string, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') byPid.set(pid, cpuMs(pid));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return byPid;
}

/** The side's committed transactions, and the server's WAL position and full page images so far. */
async function databaseCounters(probe: CostProbe): Promise<{ transactions: number; wal: WalPosition }> {
  const client = new Client({ connectionString: probe.serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ commits: string | null; bytes: string; fpi: string }>(
      `SELECT (SELECT xact_commit::text FROM pg_stat_database WHERE datname = $1) AS commits,
              pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::text AS bytes, (SELECT wal_fpi::text FROM pg_stat_wal) AS fpi`,
      [probe.database],
    );
    return { transactions: Number(rows[0]?.commits ?? 0), wal: { bytes: Number(rows[0].bytes), fullPageImages: Number(rows[0].fpi) } };
  } finally {
    await client.end();
  }
}

async function statementsSent(metricsUrl: string): Promise<number | undefined> {
  const text = await (await fetch(metricsUrl)).text();
  const line = text.split('\n').find((l) => l.startsWith('database_statements_total '));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}
