import { coreTicksOf, mainThreadCpuMs, roundShares } from './request-cost';

const procStat = (user: number, idle: number, iowait: number) =>
  `cpu  ${user} 0 100 ${idle} ${iowait} 0 10 0 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 1 2 3\n`;

describe("a round's shares of the machine", () => {
  it('counts idle and iowait as idle, of the first line only, guest time left out (it is in user already)', () => {
    expect(coreTicksOf(procStat(1_000, 500, 20))).toEqual({ total: 1_630, idle: 520 });
  });

  it("divides the main thread's CPU by the round's wall time, and the idle ticks by all of them", () => {
    const start = { at: 1_000, mainThreadMs: 200, cores: coreTicksOf(procStat(1_000, 500, 0)) };
    const end = { at: 3_000, mainThreadMs: 1_900, cores: coreTicksOf(procStat(1_300, 600, 0)) };
    expect(roundShares(start, end)).toEqual({ serverMainThreadBusy: 0.85, coresIdle: 0.25 });
  });

  it('has no shares for a round of no time', () => {
    const reading = { at: 5, mainThreadMs: 1, cores: { total: 10, idle: 5 } };
    expect(roundShares(reading, reading)).toEqual({});
  });

  it("reads a live process's main thread: busy work on it shows, and never more than the process", () => {
    const before = mainThreadCpuMs(process.pid);
    const until = Date.now() + 150;
    let spins = 0;
    while (Date.now() < until) spins += 1;
    expect(spins).toBeGreaterThan(0);
    expect(mainThreadCpuMs(process.pid) - before).toBeGreaterThanOrEqual(100);
  });
});
