import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A server the benchmark started: its port, and a way to stop it (by its own pid only). */
export class ServerProcess {
  private stderrTail = '';

  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly child: ChildProcess,
  ) {
    // The last output of either stream, for the error message when the server fails.
    const keep = (chunk: Buffer) => (this.stderrTail = (this.stderrTail + chunk.toString()).slice(-4000));
    child.stderr?.on('data', keep);
    child.stdout?.on('data', keep);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get outputTail(): string {
    return this.stderrTail;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Starts `node <args>` and waits until `readyPath` answers (any HTTP status counts as up). */
  static async start(name: string, args: string[], env: Record<string, string>, readyPath: string, options: { port?: number; cwd?: string } = {}): Promise<ServerProcess> {
    const port = options.port ?? (await freePort());
    const child = spawn(process.execPath, args, { cwd: options.cwd, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    const server = new ServerProcess(name, port, child);
    await server.waitUntilUp(readyPath);
    return server;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }

  private async waitUntilUp(readyPath: string): Promise<void> {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`${this.name} exited with ${this.child.exitCode}: ${this.stderrTail}`);
      try {
        await fetch(`${this.url}${readyPath}`);
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    throw new Error(`${this.name} did not start in time: ${this.stderrTail}`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Samples a process's resident memory from /proc every 100 ms (Linux); `stop()` gives the peak
 * in MiB. Works on processes that exit before the sampler stops.
 */
export function sampleRss(pid: number): { stop(): number } {
  let peakKiB = 0;
  const read = () => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const hwm = /VmHWM:\s+(\d+)/.exec(status) ?? /VmRSS:\s+(\d+)/.exec(status);
      if (hwm) peakKiB = Math.max(peakKiB, Number(hwm[1]));
    } catch {
      // the process has exited: keep the last peak seen
    }
  };
  read();
  const timer = setInterval(read, 100);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.round(peakKiB / 1024);
    },
  };
}
