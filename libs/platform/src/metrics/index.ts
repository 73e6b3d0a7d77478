export { metricsRegistry } from './registry';
export { installHttpMetrics } from './http-metrics';
export { recordCredentialCacheLookup, type CredentialCacheOutcome } from './credential-cache-metrics';
export { databaseStatements, recordDatabaseStatement } from './database-metrics';
export { recordSignIn, type SignInOutcome } from './sign-in-metrics';
export { TimedEventStore } from './timed-event-store';
export { MetricsModule } from './metrics.module';
