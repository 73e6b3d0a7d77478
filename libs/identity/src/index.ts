export * from './contracts';
export { IdentityModule, IDENTITY_READ_MODEL } from './identity.module';
