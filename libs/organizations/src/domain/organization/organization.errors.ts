import { ConflictError, NotFoundError } from '@app/platform';

export class OrganizationNotFound extends NotFoundError {
  constructor(organizationId: string) {
    super('organization', organizationId);
  }
}

export class MemberNotFound extends NotFoundError {
  constructor(accountId: string) {
    super('account', accountId);
  }
}

export class OrganizationAlreadyExists extends ConflictError {
  constructor() {
    super('The organization already exists.');
  }
}

/** Every organization has exactly one owner: ownership moves only by making another account owner. */
export class OwnerRequired extends ConflictError {
  constructor(action: string) {
    super(`The owner cannot be ${action}; make another account the owner first.`);
  }
}

export class PrimaryRoleRequired extends ConflictError {
  constructor() {
    super('Every account needs one Accounts role; set another instead of deleting it.');
  }
}
