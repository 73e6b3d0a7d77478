export * from './organization-views';
export * from './organization.queries';
export * from './organization.commands';
export type { OrganizationEvent } from '../domain/organization/organization.events';
export * from './organization-as-of.queries';
