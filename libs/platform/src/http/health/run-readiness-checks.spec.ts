import type { ReadinessCheck } from './readiness-check';
import { runReadinessChecks } from './run-readiness-checks';

const check = (name: string, run: () => Promise<{ ok: boolean; detail?: Record<string, unknown> }>): ReadinessCheck => ({ name, check: run });

describe('runReadinessChecks', () => {
  it('given only passing checks, when run, then ready with every outcome', async () => {
    const report = await runReadinessChecks([check('database', async () => ({ ok: true, detail: { latencyMs: 2 } })), check('eventStore', async () => ({ ok: true }))]);

    expect(report).toEqual({ ready: true, checks: { database: { ok: true, detail: { latencyMs: 2 } }, eventStore: { ok: true } } });
  });

  it('given no checks, when run, then ready', async () => {
    await expect(runReadinessChecks([])).resolves.toEqual({ ready: true, checks: {} });
  });

  it('given a check reporting not ok, when run, then not ready', async () => {
    const report = await runReadinessChecks([check('database', async () => ({ ok: true })), check('projections', async () => ({ ok: false, detail: { behind: 42 } }))]);

    expect(report.ready).toBe(false);
    expect(report.checks.projections).toEqual({ ok: false, detail: { behind: 42 } });
  });

  it('given a check that throws with credentials in its message, when run, then it failed with the message minus the credentials', async () => {
    const report = await runReadinessChecks([
      check('database', async () => {
        throw new Error('connect ECONNREFUSED postgres://app:hunter2@db:5432/accounts');
      }),
    ]);

    expect(report.ready).toBe(false);
    expect(report.checks.database.ok).toBe(false);
    expect(report.checks.database.error).toContain('ECONNREFUSED');
    expect(report.checks.database.error).not.toContain('hunter2');
  });

  it('given a check that throws synchronously, when run, then it failed and the others still ran', async () => {
    const report = await runReadinessChecks([
      { name: 'broken', check: () => { throw new Error('not a promise'); } },
      check('database', async () => ({ ok: true })),
    ]);

    expect(report.checks).toEqual({ broken: { ok: false, error: 'not a promise' }, database: { ok: true } });
  });

  it('given a check that hangs, when run, then it fails at the timeout', async () => {
    const report = await runReadinessChecks([check('eventStore', () => new Promise(() => undefined))], 20);

    expect(report).toEqual({ ready: false, checks: { eventStore: { ok: false, error: 'timed out after 20 ms' } } });
  });
});
