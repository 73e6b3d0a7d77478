export * from './tokens';
export * from './platform.module';
export * from './event-sourced-commands';
export * from './platform-readiness.module';
export * from './own-writes';
export * from './readers-wait';
