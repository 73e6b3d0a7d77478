import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The one registry of this process, served at GET /metrics. Metrics describe a process, not an
 * app instance: modules record through the small handles next to this file (one-line calls), so
 * none of them needs the registry injected. Node's own process metrics come along.
 */
export const metricsRegistry = new Registry();

collectDefaultMetrics({ register: metricsRegistry });
