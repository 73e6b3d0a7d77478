import { Controller, Get, Header } from '@nestjs/common';
import { PublicRoute } from '../http/public-route';
import { metricsRegistry } from './registry';

/**
 * GET /metrics in Prometheus' text format. Public like /healthz: scrapers carry no credentials,
 * so keep the port off the internet or filter the path at the proxy (see README).
 */
@PublicRoute()
@Controller()
export class MetricsController {
  @Get('metrics')
  @Header('Content-Type', metricsRegistry.contentType)
  @Header('Cache-Control', 'no-store')
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
