import { RequestCommand } from '@app/platform';
import type { RoleView } from '../domain';

export class CreateCustomRoleCommand extends RequestCommand<RoleView> {
  constructor(
    readonly organizationId: string,
    readonly role: string,
    readonly product: string,
    readonly scopes: readonly string[],
    /** A custom role may only carry scopes its creator holds. */
    readonly creatorScopes: readonly string[],
  ) {
    super();
  }
}

export class DeleteCustomRoleCommand extends RequestCommand<void> {
  constructor(
    readonly organizationId: string,
    readonly roleId: string,
  ) {
    super();
  }
}
