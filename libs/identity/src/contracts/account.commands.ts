import { RequestCommand } from '@app/platform';
import type { AccountView } from './account-view';

export interface RegisterAccountInput {
  readonly accountId: string;
  readonly email: string;
  readonly password?: string;
  readonly name?: string;
  readonly avatarUrl?: string | null;
  readonly defaultProduct?: 'Accounts' | 'LiveChat';
  /** The organization it is created in (its default organization). */
  readonly organizationId: string;
}

/**
 * Creates an account unless its email is taken: then nothing changes and the holder's id and
 * organizations come back with `created: false` (the caller decides: "already there" or conflict).
 * A created account comes back as the read models will show it (`account`).
 */
export class RegisterAccountCommand extends RequestCommand<{ accountId: string; created: boolean; organizationIds: string[]; account?: AccountView }> {
  constructor(readonly input: RegisterAccountInput) {
    super();
  }
}

export class JoinOrganizationCommand extends RequestCommand<void> {
  constructor(
    readonly accountId: string,
    readonly organizationId: string,
  ) {
    super();
  }
}

export class UpdateAccountCommand extends RequestCommand<void> {
  constructor(
    readonly accountId: string,
    readonly changes: { readonly name?: string | null; readonly avatarUrl?: string | null; readonly defaultProduct?: 'Accounts' | 'LiveChat' },
  ) {
    super();
  }
}

/** Sets the password; for another account than the actor's, that account must be in one organization only. */
export class SetPasswordCommand extends RequestCommand<void> {
  constructor(
    readonly accountId: string,
    readonly password: string,
    readonly requireSingleOrganization: boolean,
  ) {
    super();
  }
}

/** Deletes the account, frees its email and destroys its personal data key. */
export class DeleteAccountCommand extends RequestCommand<{ organizationIds: string[] }> {
  constructor(readonly accountId: string) {
    super();
  }
}
