import { Query } from '@nestjs/cqrs';
import type { AccountView } from './account-view';

/** What an erased account's personal fields read as: the key is gone, so the values are too. */
export const ERASED_VALUE = '[erased]';

/** An account in the shape GET /accounts/{id} answers (roles included when asked for). */
export type AccountBodyAsOf = Omit<AccountView, 'name'> & {
  readonly name?: string;
  readonly roles?: ReadonlyArray<{ role_id: string; product: string; role: string; type: string; predefined: boolean }>;
};

/**
 * The account as the API showed it at `at`, rebuilt from its events; null when it did not exist
 * then (or was already deleted). With `rolesIn`, its roles in that organization at that time, as
 * a credential allowed to see roles would have been shown them.
 */
export class GetAccountAsOfQuery extends Query<AccountBodyAsOf | null> {
  constructor(
    readonly accountId: string,
    readonly at: Date,
    readonly rolesIn?: string,
  ) {
    super();
  }
}
