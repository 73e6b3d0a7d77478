/** One stream per custom role, named by its id only: no organization or role name (personal data rule). */
export const CUSTOM_ROLE_STREAM_CATEGORY = 'role';

export function customRoleStreamId(roleId: string): string {
  return `${CUSTOM_ROLE_STREAM_CATEGORY}-${roleId}`;
}
