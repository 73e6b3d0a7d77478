import type { AccountView } from '../contracts/account-view';
import type { RegisterAccountInput } from '../contracts/account.commands';
import { DEFAULT_PRODUCT } from '../domain';

/**
 * The account RegisterAccount created, as the accounts projection will show it (the row it makes of
 * AccountCreated, personal values opened): a reply can show it without reading it back.
 */
export function createdAccountView(input: RegisterAccountInput, createdAt: string): AccountView {
  return {
    account_id: input.accountId,
    email: input.email.trim(),
    name: input.name ?? null,
    email_verified: false,
    default_product: input.defaultProduct ?? DEFAULT_PRODUCT,
    default_organization_id: input.organizationId,
    avatar_url: input.avatarUrl ?? null,
    created_at: createdAt,
    updated_at: createdAt,
  };
}
