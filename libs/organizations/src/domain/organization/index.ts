export * from './organization.events';
export * from './organization.commands';
export * from './organization.errors';
export * from './organization.state';
export { organizationDecider } from './organization.decide';
