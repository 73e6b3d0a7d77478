import { PlatformRuntime, type PlatformRuntimeOptions } from '../runtime/platform-runtime';
import { createEmptyDatabase, dropDatabase, testServerUrl } from './test-database';

export const silentLog = { info: () => undefined, error: () => undefined };

export interface TestRuntime {
  runtime: PlatformRuntime;
  /** The fresh PostgreSQL database, for opening more runtimes on it (as other processes would). */
  url: string | undefined;
  open(extra?: Partial<PlatformRuntimeOptions>): Promise<PlatformRuntime>;
  dispose(): Promise<void>;
}

/** A platform runtime over a fresh database: its own PostgreSQL database, or an in-memory PGlite. */
export async function createTestRuntime(kind: 'postgres' | 'pglite', options: Partial<PlatformRuntimeOptions> = {}): Promise<TestRuntime> {
  const server = testServerUrl();
  const url = kind === 'postgres' ? await createEmptyDatabase(server!) : undefined;
  const opened: PlatformRuntime[] = [];
  const open = async (extra: Partial<PlatformRuntimeOptions> = {}) => {
    // The platform's own tests take the stream catalogue as their sample projection.
    const runtime = await PlatformRuntime.open({ log: silentLog, databaseUrl: url, standbyRetryMs: 100, streamCatalogue: true, ...options, ...extra });
    opened.push(runtime);
    return runtime;
  };
  const runtime = await open();
  return {
    runtime,
    url,
    open,
    dispose: async () => {
      for (const r of opened) await r.close().catch(() => undefined);
      if (url) await dropDatabase(server!, url);
    },
  };
}
