import { Global, Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { READINESS_CHECKS } from './readiness-check';
import { ReadinessRegistry } from './readiness-registry';

/** GET /healthz and GET /readyz. Global, so any module can register a readiness check. */
@Global()
@Module({
  controllers: [HealthController],
  providers: [ReadinessRegistry, { provide: READINESS_CHECKS, useExisting: ReadinessRegistry }],
  exports: [ReadinessRegistry, READINESS_CHECKS],
})
export class HealthModule {}
