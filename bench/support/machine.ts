import os from 'node:os';

export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly postgres: string;
  readonly os: string;
  /** 1-minute load average when the run started; it includes whatever ran in the minute before. */
  readonly loadAverageAtStart: number;
  /** Share of the cores busy over two seconds before the run, while nothing of the benchmark ran yet: other work. */
  readonly busyAtStart?: number;
}

/** The share of all cores not idle over `ms`. */
async function busyShare(ms = 2_000): Promise<number> {
  const totals = () => os.cpus().reduce((sum, cpu) => ({ idle: sum.idle + cpu.times.idle, all: sum.all + Object.values(cpu.times).reduce((a, b) => a + b, 0) }), { idle: 0, all: 0 });
  const before = totals();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = totals();
  return Number((1 - (after.idle - before.idle) / Math.max(1, after.all - before.all)).toFixed(2));
}

export async function describeMachine(postgres: string): Promise<MachineInfo> {
  const busyAtStart = await busyShare();
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres,
    os: `${os.type()} ${os.release()}`,
    loadAverageAtStart: Number(os.loadavg()[0].toFixed(2)),
    busyAtStart,
  };
}
