import type { Product } from './product';

/**
 * `primary`: the obligatory Accounts role (one per account per organization); `secondary`: a basic
 * product role; `custom`: defined by one organization.
 */
export type RoleType = 'primary' | 'secondary' | 'custom';

/**
 * A role as the API shows it (spec: the role object, plus the scopes GET /roles/{role_id} returns).
 * Snake_case so it can be stored in events and read models and answered as is; `scope` is a list
 * here and becomes the comma-joined text only at the HTTP edge.
 */
export interface RoleView {
  readonly role_id: string;
  readonly product: Product;
  readonly role: string;
  readonly type: RoleType;
  /** True for the roles common to every organization; false for an organization's custom roles. */
  readonly predefined: boolean;
  readonly scope: readonly string[];
}
