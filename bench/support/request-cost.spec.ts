import { coreTicksOf, cpuMs, mainThreadCpuMs, mainThreadRunQueueMs, roundShares, runQueueMsOf } from './request-cost';

const procStat = (user: number, idle: number, iowait: number) =>
  `cpu  ${user} 0 100 ${idle} ${iowait} 0 10 0 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 1 2 3\n`;

/** One clock tick of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICK_MS = 10;

describe("a round's shares of the machine", () => {
  it('counts idle and iowait as idle, of the first line only, guest time left out (it is in user already)', () => {
    expect(coreTicksOf(procStat(1_000, 500, 20))).toEqual({ total: 1_630, idle: 520 });
  });

  it("divides the main thread's CPU by the round's wall time, and the idle ticks by all of them", () => {
    const start = { at: 1_000, mainThreadMs: 200, cores: coreTicksOf(procStat(1_000, 500, 0)) };
    const end = { at: 3_000, mainThreadMs: 1_900, cores: coreTicksOf(procStat(1_300, 600, 0)) };
    expect(roundShares(start, end)).toEqual({ serverMainThreadBusy: 0.85, coresIdle: 0.25 });
  });

  it("reads the run-queue delay from a thread's schedstat: the second field, nanoseconds to milliseconds", () => {
    expect(runQueueMsOf('987654321 4500000 77\n')).toBe(4.5);
    expect(runQueueMsOf('')).toBeUndefined();
  });

  it("divides the main thread's run-queue delay by the round's wall time, and has none when either reading lacks it", () => {
    const cores = coreTicksOf(procStat(1_000, 500, 0));
    const later = coreTicksOf(procStat(1_300, 600, 0));
    const start = { at: 1_000, mainThreadMs: 200, cores, mainThreadRunQueueMs: 40 };
    const end = { at: 3_000, mainThreadMs: 1_900, cores: later, mainThreadRunQueueMs: 340 };
    expect(roundShares(start, end)).toEqual({ serverMainThreadBusy: 0.85, coresIdle: 0.25, serverMainThreadWaiting: 0.15 });
    expect(roundShares({ ...start, mainThreadRunQueueMs: undefined }, end)).toEqual({ serverMainThreadBusy: 0.85, coresIdle: 0.25 });
  });

  it("reads a live process's run-queue delay where the kernel keeps it: never negative, never going back", () => {
    const first = mainThreadRunQueueMs(process.pid);
    if (first === undefined) {
      // No scheduler statistics on this kernel: the column is left out of the report, and so is this check.
      expect(mainThreadRunQueueMs('0')).toBeUndefined();
      return;
    }
    for (let i = 0; i < 1_000_000; i += 1) Math.sqrt(i);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(mainThreadRunQueueMs(process.pid)).toBeGreaterThanOrEqual(first);
  });

  it('has no shares for a round of no time', () => {
    const reading = { at: 5, mainThreadMs: 1, cores: { total: 10, idle: 5 } };
    expect(roundShares(reading, reading)).toEqual({});
  });

  it("reads a live process's main thread: busy work on it shows, and never more than the whole process", () => {
    // Spun by CPU, not by wall time: other tests share the cores, so a stretch of wall time may
    // give this thread little of them. A reading of another thread would not move: the deadline ends it.
    const mainBefore = mainThreadCpuMs(process.pid);
    const processBefore = cpuMs(process.pid);
    const deadline = Date.now() + 10_000;
    while (mainThreadCpuMs(process.pid) - mainBefore < 50 && Date.now() < deadline) for (let i = 0; i < 100_000; i += 1) Math.sqrt(i);
    const main = mainThreadCpuMs(process.pid) - mainBefore;
    expect(main).toBeGreaterThanOrEqual(50);
    // Each reading is utime + stime, two fields the kernel truncates to whole clock ticks apart
    // (it splits the exact run time between them once for the thread and once for the process):
    // a reading is up to two ticks short. So the thread's difference may be up to two ticks over
    // its true value and the process's up to two under: four ticks (40 ms) apart at most.
    expect(main).toBeLessThan(cpuMs(process.pid) - processBefore + 4 * TICK_MS);
  });
});
