/** The outcome of one dependency check; `detail` is shown to operators, so no secrets in it. */
export interface ReadinessResult {
  readonly ok: boolean;
  readonly detail?: Record<string, unknown>;
}

/** Something the service needs before it can take traffic: the database, the event store, ... */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<ReadinessResult>;
}

/** Injection token of the ReadinessRegistry: the live list of registered checks. */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
