import { Counter } from 'prom-client';
import { metricsRegistry } from './registry';

export type CredentialCacheOutcome = 'hit' | 'miss';

export const credentialCacheLookups = new Counter({
  name: 'credential_cache_lookups_total',
  help: 'Token checks answered from the per-process credential cache (hit) or from the read model (miss).',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

// Both series exist from the start, so a hit ratio is defined before the first miss.
credentialCacheLookups.inc({ outcome: 'hit' }, 0);
credentialCacheLookups.inc({ outcome: 'miss' }, 0);

/** One call per token check that consults the credential cache. */
export function recordCredentialCacheLookup(outcome: CredentialCacheOutcome): void {
  credentialCacheLookups.inc({ outcome });
}
