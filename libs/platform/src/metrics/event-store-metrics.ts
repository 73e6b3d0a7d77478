import { Histogram } from 'prom-client';
import { metricsRegistry } from './registry';

export type AppendOutcome = 'appended' | 'conflict' | 'failed';

export const appendDuration = new Histogram({
  name: 'event_store_append_duration_seconds',
  help: 'Time to append to a stream, by outcome (conflict: the expected revision did not match).',
  labelNames: ['outcome'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [metricsRegistry],
});
