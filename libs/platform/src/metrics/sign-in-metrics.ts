import { Counter } from 'prom-client';
import { metricsRegistry } from './registry';

/**
 * `succeeded`: a session was started; `rejected`: wrong email or password; `no_organization`: the
 * password was right but the account belongs to no organization. Throttled attempts never reach
 * the check: they show as 429 replies of POST /signin in http_request_duration_seconds.
 */
export type SignInOutcome = 'succeeded' | 'rejected' | 'no_organization';

export const signIns = new Counter({
  name: 'sign_in_attempts_total',
  help: 'Password sign-in attempts by outcome.',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

export function recordSignIn(outcome: SignInOutcome): void {
  signIns.inc({ outcome });
}
