import { ConflictError, NotFoundError } from '@app/platform';

/** A missing and a deleted account look the same to clients: 404 for account <id>. */
export class AccountNotFound extends NotFoundError {
  constructor(readonly accountId: string) {
    super('account', accountId);
  }
}

/** The id is taken. Ids come from the application, so this means a retried or duplicated create. */
export class AccountAlreadyExists extends ConflictError {
  constructor(readonly accountId: string) {
    super('The account already exists.');
  }
}

/** Someone else's password can be set only for an account of a single organization (spec: 409). */
export class AccountInManyOrganizations extends ConflictError {
  constructor(readonly accountId: string) {
    super('The account is assigned to more than one organization.');
  }
}
