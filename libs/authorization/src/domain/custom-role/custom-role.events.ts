import type { DomainEvent } from '@app/platform';
import type { Product } from '../roles/product';

/** `scopes` are known scopes, deduplicated and in canonical (sorted) order. */
export type CustomRoleCreated = DomainEvent<
  'CustomRoleCreated',
  {
    role_id: string;
    organization_id: string;
    role: string;
    product: Product;
    scopes: string[];
    created_by: string;
    created_at: string;
  }
>;

/** Tokens resting on this role are revoked by a reactor (spec: "All tokens related to a given role will be revoked"). */
export type CustomRoleDeleted = DomainEvent<'CustomRoleDeleted', { role_id: string; organization_id: string; deleted_by: string; deleted_at: string }>;

export type CustomRoleEvent = CustomRoleCreated | CustomRoleDeleted;
