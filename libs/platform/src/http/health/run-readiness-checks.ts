import { redactSecretsInText } from '../../logging/secret-redaction';
import type { ReadinessCheck } from './readiness-check';

export const READINESS_CHECK_TIMEOUT_MS = 2_000;

export interface CheckOutcome {
  readonly ok: boolean;
  readonly detail?: Record<string, unknown>;
  readonly error?: string;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Record<string, CheckOutcome>;
}

/**
 * Runs every check at once, each bounded by `timeoutMs`: a hung dependency must not hang the
 * probe. A check that throws or times out has failed; its message is kept (credentials removed)
 * because that is what an operator needs to see.
 */
export async function runReadinessChecks(checks: readonly ReadinessCheck[], timeoutMs = READINESS_CHECK_TIMEOUT_MS): Promise<ReadinessReport> {
  const outcomes = await Promise.all(checks.map((check) => runOne(check, timeoutMs)));
  return {
    ready: outcomes.every((outcome) => outcome.ok),
    checks: Object.fromEntries(checks.map((check, index) => [check.name, outcomes[index]])),
  };
}

async function runOne(check: ReadinessCheck, timeoutMs: number): Promise<CheckOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const result = await Promise.race([Promise.resolve().then(() => check.check()), timeout]);
    return { ok: result.ok === true, ...(result.detail ? { detail: result.detail } : {}) };
  } catch (error) {
    return { ok: false, error: redactSecretsInText(error instanceof Error ? error.message : String(error)) };
  } finally {
    clearTimeout(timer);
  }
}
