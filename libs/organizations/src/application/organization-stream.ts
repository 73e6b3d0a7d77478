export const organizationStream = (organizationId: string): string => `organization-${organizationId}`;
