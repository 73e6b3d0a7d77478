export * from './health.module';
export * from './provide-readiness-check';
export * from './readiness-check';
export * from './readiness-registry';
export * from './run-readiness-checks';
