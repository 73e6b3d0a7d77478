import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { HealthModule } from './health.module';
import { provideReadinessCheck } from './provide-readiness-check';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness-check';
import { ReadinessRegistry } from './readiness-registry';

@Injectable()
class Clock {
  now(): string {
    return '2026-01-01T00:00:00.000Z';
  }
}

/** A check with a dependency of its own, to show it is built by Nest's injector. */
@Injectable()
class ClockCheck implements ReadinessCheck {
  readonly name = 'clock';
  constructor(private readonly clock: Clock) {}

  async check() {
    return { ok: true, detail: { now: this.clock.now() } };
  }
}

const DATABASE_URL = Symbol('DATABASE_URL');

@Module({
  providers: [
    Clock,
    { provide: DATABASE_URL, useValue: 'embedded' },
    provideReadinessCheck({ useClass: ClockCheck }),
    provideReadinessCheck({
      useFactory: (url: string) => ({ name: 'database', check: async () => ({ ok: true, detail: { url } }) }),
      inject: [DATABASE_URL],
    }),
  ],
})
class FeatureModule {}

describe('provideReadinessCheck', () => {
  it('given checks provided by class and by factory in another module, when the app starts, then both are registered with their dependencies', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [HealthModule, FeatureModule] }).compile();

    const registry = moduleRef.get(ReadinessRegistry);
    const results = await Promise.all(registry.list().map(async (check) => [check.name, await check.check()]));

    expect(Object.fromEntries(results)).toEqual({
      clock: { ok: true, detail: { now: '2026-01-01T00:00:00.000Z' } },
      database: { ok: true, detail: { url: 'embedded' } },
    });
    expect(moduleRef.get(READINESS_CHECKS)).toBe(registry);
    await moduleRef.close();
  });
});

const passing = (name: string): ReadinessCheck => ({ name, check: async () => ({ ok: true }) });

describe('ReadinessRegistry', () => {
  it('given registered checks, when listed, then all are there in order', () => {
    const registry = new ReadinessRegistry();
    registry.register(passing('a'));
    registry.register(passing('b'));

    expect(registry.list().map((registered) => registered.name)).toEqual(['a', 'b']);
  });

  it('given a name already taken, when registered again, then it refuses', () => {
    const registry = new ReadinessRegistry();
    registry.register(passing('database'));

    expect(() => registry.register(passing('database'))).toThrow(/already registered/);
  });
});
