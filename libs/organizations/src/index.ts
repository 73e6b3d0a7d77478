export * from './contracts';
export { OrganizationsModule, ORGANIZATIONS_READ_MODEL } from './organizations.module';
