import type { FactoryProvider, InjectionToken, OptionalFactoryDependency, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { ReadinessCheck } from './readiness-check';
import { ReadinessRegistry } from './readiness-registry';

export type ReadinessCheckSource =
  | { readonly useClass: Type<ReadinessCheck> }
  | {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Nest injects whatever `inject` names
      readonly useFactory: (...dependencies: any[]) => ReadinessCheck | Promise<ReadinessCheck>;
      readonly inject?: ReadonlyArray<InjectionToken | OptionalFactoryDependency>;
    };

let registrations = 0;

/**
 * A provider that builds a readiness check and registers it with /readyz. Put it in the providers
 * of the module that owns the dependency (HealthModule is global, so the registry is injectable):
 *
 *   providers: [provideReadinessCheck({ useClass: DatabaseReadinessCheck })]
 *   providers: [provideReadinessCheck({ useFactory: (db: Database) => ({ name: 'database', check: ... }), inject: [DATABASE] })]
 */
export function provideReadinessCheck(source: ReadinessCheckSource): FactoryProvider<ReadinessCheck> {
  const provide = Symbol(`readiness-check-${++registrations}`);
  if ('useClass' in source) {
    return {
      provide,
      useFactory: async (registry: ReadinessRegistry, moduleRef: ModuleRef) => registry.register(await moduleRef.create(source.useClass)),
      inject: [ReadinessRegistry, ModuleRef],
    };
  }
  return {
    provide,
    useFactory: async (registry: ReadinessRegistry, ...dependencies: unknown[]) => registry.register(await source.useFactory(...dependencies)),
    inject: [ReadinessRegistry, ...(source.inject ?? [])],
  };
}
