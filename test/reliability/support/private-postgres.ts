import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../support/api-process';

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL server of the test's own, for faults the shared server must never see
 * (stopping it under load). Its data directory lives in a temp folder and is deleted at the end.
 * initdb refuses to run as root, so as root every server command runs as the `postgres` user.
 */
export class PrivatePostgres {
  private constructor(
    private readonly bin: string,
    readonly dataDir: string,
    readonly port: number,
  ) {}

  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async create(): Promise<PrivatePostgres> {
    const bin = serverBinaries();
    const root = mkdtempSync(path.join(os.tmpdir(), 'private-pg-'));
    if (isRoot()) chownSync(root, ...(await postgresUser()));
    const server = new PrivatePostgres(bin, path.join(root, 'data'), await freePort());
    // fsync off: the data is thrown away anyway, and the shared machine's disk is not ours to load.
    await server.exec('initdb', ['-D', server.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    await server.start();
    return server;
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${path.dirname(this.dataDir)} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
    await this.exec('pg_ctl', ['-D', this.dataDir, '-o', options, '-l', path.join(path.dirname(this.dataDir), 'server.log'), '-w', '-t', '60', 'start']);
  }

  /** `fast` disconnects every client and shuts down cleanly; `immediate` is a crash (recovery at the next start). */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.exec('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  async dispose(): Promise<void> {
    if (existsSync(path.join(this.dataDir, 'postmaster.pid'))) await this.stop('immediate').catch(() => undefined);
    rmSync(path.dirname(this.dataDir), { recursive: true, force: true });
  }

  private async exec(tool: string, args: string[]): Promise<void> {
    const binary = path.join(this.bin, tool);
    const [file, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
    await run(file, argv, { cwd: os.tmpdir(), timeout: 120_000 });
  }
}

/** The newest installed server's bin folder (Debian layout: /usr/lib/postgresql/<major>/bin). */
function serverBinaries(): string {
  const base = '/usr/lib/postgresql';
  const majors = existsSync(base) ? readdirSync(base).filter((v) => existsSync(path.join(base, v, 'bin', 'initdb'))) : [];
  if (!majors.length) throw new Error(`no PostgreSQL server binaries (initdb, pg_ctl) under ${base}/*/bin`);
  majors.sort((a, b) => Number(b) - Number(a));
  return path.join(base, majors[0], 'bin');
}

const isRoot = () => process.getuid?.() === 0;

async function postgresUser(): Promise<[number, number]> {
  const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return [Number(uid.stdout.trim()), Number(gid.stdout.trim())];
}
