import { createEmptyDatabase, dropDatabase, testServerUrl } from '@app/platform/testing';
import { BOOT_TIMEOUT_MS, startApiProcess, type ApiProcess } from './api-process';

export interface TwoApiProcesses {
  readonly a: ApiProcess;
  readonly b: ApiProcess;
}

/**
 * Two processes of one app entry point on one fresh PostgreSQL database, as a deployment with
 * two API processes runs: started before the suite's tests, stopped and the database dropped
 * after them. Call it in a describe body; `a` and `b` are there once the suite's tests run.
 */
export function twoApiProcessesOnOneDatabase(entry: string, env: Record<string, string> = {}): TwoApiProcesses {
  let url: string | undefined;
  const started: { a?: ApiProcess; b?: ApiProcess } = {};
  beforeAll(async () => {
    url = await createEmptyDatabase(testServerUrl()!);
    started.a = await startApiProcess(entry, { ...env, DATABASE_URL: url });
    started.b = await startApiProcess(entry, { ...env, DATABASE_URL: url });
  }, 2 * BOOT_TIMEOUT_MS + 30_000);
  afterAll(async () => {
    await Promise.all([started.a?.stop(), started.b?.stop()]);
    if (url) await dropDatabase(testServerUrl()!, url);
  });
  return {
    get a() {
      return started.a!;
    },
    get b() {
      return started.b!;
    },
  };
}
