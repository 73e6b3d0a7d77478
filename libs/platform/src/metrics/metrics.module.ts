import { Inject, Injectable, Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PLATFORM_RUNTIME } from '../nest/tokens';
import type { PlatformRuntime } from '../runtime/platform-runtime';
import { MetricsController } from './metrics.controller';
import { watchProjectionStandings } from './projection-metrics';
import { readProjectionStandings } from './projection-standings';

/** Reports this app's projections in the projection gauges while the app lives. */
@Injectable()
class ProjectionStandingsReporter implements OnModuleInit, OnModuleDestroy {
  private unwatch: (() => void) | undefined;

  constructor(@Inject(PLATFORM_RUNTIME) private readonly runtime: PlatformRuntime) {}

  onModuleInit(): void {
    this.unwatch = watchProjectionStandings(() => readProjectionStandings(this.runtime));
  }

  onModuleDestroy(): void {
    this.unwatch?.();
  }
}

/** GET /metrics. Import in an HTTP app next to PlatformModule. */
@Module({
  controllers: [MetricsController],
  providers: [ProjectionStandingsReporter],
})
export class MetricsModule {}
