import os from 'node:os';

export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly postgres: string;
  readonly os: string;
  /** 1-minute load average when the run started: above the core count means other work shared the machine. */
  readonly loadAverageAtStart: number;
}

export function describeMachine(postgres: string): MachineInfo {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres,
    os: `${os.type()} ${os.release()}`,
    loadAverageAtStart: Number(os.loadavg()[0].toFixed(2)),
  };
}
