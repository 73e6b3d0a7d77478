import { Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { formatPosition } from '../event-store/position';
import { provideReadinessCheck } from '../http/health/provide-readiness-check';
import { readCheckpoints } from '../projections/checkpoint-store';
import type { PlatformRuntime } from '../runtime/platform-runtime';
import { APP_CONFIG, PLATFORM_RUNTIME } from './tokens';

/** Read models further behind the log than this make the process not ready. */
export const READY_MAX_PROJECTION_LAG = 10_000;

/** /readyz checks for the platform: the database answers, the event store answers, projections keep up. */
@Module({
  providers: [
    provideReadinessCheck({
      inject: [PLATFORM_RUNTIME],
      useFactory: (runtime: PlatformRuntime) => ({
        name: 'database',
        check: async () => {
          await runtime.database.sql.query('SELECT 1');
          return { ok: true, detail: { kind: runtime.database.kind } };
        },
      }),
    }),
    provideReadinessCheck({
      inject: [PLATFORM_RUNTIME, APP_CONFIG],
      useFactory: (runtime: PlatformRuntime, config: AppConfig) => ({
        name: 'event_store',
        check: async () => ({ ok: true, detail: { kind: config.eventStore, head: formatPosition(await runtime.store.headPosition()) } }),
      }),
    }),
    provideReadinessCheck({
      inject: [PLATFORM_RUNTIME],
      useFactory: (runtime: PlatformRuntime) => ({
        name: 'projections',
        check: async () => {
          const checkpoints = new Map((await readCheckpoints(runtime.database.sql)).map((c) => [c.name, c.position]));
          const lag: Record<string, number> = {};
          for (const projection of runtime.projections) lag[projection.name] = await runtime.store.countAfter(checkpoints.get(projection.name) ?? null);
          return { ok: Object.values(lag).every((behind) => behind <= READY_MAX_PROJECTION_LAG), detail: { lag } };
        },
      }),
    }),
  ],
})
export class PlatformReadinessModule {}
