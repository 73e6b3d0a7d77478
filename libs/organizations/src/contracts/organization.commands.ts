import { RequestCommand } from '@app/platform';
import type { HeldRole } from './organization-views';

export interface CompanyInput {
  readonly phone?: string;
  readonly website?: string;
}

export class CreateOrganizationCommand extends RequestCommand<{ organizationId: string }> {
  constructor(
    readonly organizationId: string,
    readonly ownerAccountId: string,
    readonly name: string | null,
    readonly company: CompanyInput,
  ) {
    super();
  }
}

export class UpdateOrganizationCommand extends RequestCommand<void> {
  constructor(
    readonly organizationId: string,
    readonly changes: { readonly name?: string | null; readonly company?: CompanyInput },
  ) {
    super();
  }
}

/**
 * Adds an account with the roles given (an Accounts role defaults to `member`). When it was
 * added, `roles` are the roles it holds now, ordered by product as membership reads order them.
 */
export class AddMemberCommand extends RequestCommand<{ added: boolean; roles: HeldRole[] }> {
  constructor(
    readonly organizationId: string,
    readonly accountId: string,
    readonly roles: readonly HeldRole[],
  ) {
    super();
  }
}

/** Sets (one per product, replacing) and removes roles; setting `owner` moves ownership. */
export class SetMemberRolesCommand extends RequestCommand<void> {
  constructor(
    readonly organizationId: string,
    readonly accountId: string,
    readonly set: readonly HeldRole[],
    readonly remove: readonly HeldRole[],
  ) {
    super();
  }
}

export class RemoveMemberCommand extends RequestCommand<void> {
  constructor(
    readonly organizationId: string,
    readonly accountId: string,
  ) {
    super();
  }
}
