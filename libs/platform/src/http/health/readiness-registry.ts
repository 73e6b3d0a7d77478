import { Injectable } from '@nestjs/common';
import type { ReadinessCheck } from './readiness-check';

/**
 * The checks /readyz runs. Nest has no multi-providers, so checks register themselves here when
 * they are created (see provideReadinessCheck) instead of being collected under one token.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register<T extends ReadinessCheck>(check: T): T {
    if (this.checks.has(check.name)) throw new Error(`A readiness check named '${check.name}' is already registered`);
    this.checks.set(check.name, check);
    return check;
  }

  list(): readonly ReadinessCheck[] {
    return [...this.checks.values()];
  }
}
