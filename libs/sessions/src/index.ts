export * from './contracts';
export { SessionsModule, SESSIONS_READ_MODEL } from './sessions.module';
