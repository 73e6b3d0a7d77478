import { Query } from '@nestjs/cqrs';
import type { AccountView } from './account-view';

/** The accounts with these ids that exist, in the order asked. */
export class GetAccountsQuery extends Query<AccountView[]> {
  constructor(readonly accountIds: readonly string[]) {
    super();
  }
}

/** The id of the account holding an email (compared case-insensitively), if any. */
export class FindAccountByEmailQuery extends Query<string | null> {
  constructor(readonly email: string) {
    super();
  }
}

/** The account whose email and password these are, or null (unknown email or wrong password alike). */
export class VerifyPasswordQuery extends Query<string | null> {
  constructor(
    readonly email: string,
    readonly password: string,
  ) {
    super();
  }
}
