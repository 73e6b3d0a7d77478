import { Controller, Get, Header, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PublicRoute } from '../public-route';
import { ReadinessRegistry } from './readiness-registry';
import { runReadinessChecks, type CheckOutcome } from './run-readiness-checks';

/** Probes for orchestrators, outside the /v2 prefix: liveness needs nothing, readiness asks the dependencies. */
@PublicRoute()
@Controller()
export class HealthController {
  constructor(private readonly registry: ReadinessRegistry) {}

  @Get('healthz')
  @Header('Cache-Control', 'no-store')
  liveness(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  @Header('Cache-Control', 'no-store')
  async readiness(@Res({ passthrough: true }) reply: FastifyReply): Promise<{ status: 'ready' | 'unavailable'; checks: Record<string, CheckOutcome> }> {
    const report = await runReadinessChecks(this.registry.list());
    reply.status(report.ready ? 200 : 503);
    return { status: report.ready ? 'ready' : 'unavailable', checks: report.checks };
  }
}
