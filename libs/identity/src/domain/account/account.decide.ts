import { ValidationError, type Decider } from '@app/platform';
import { DEFAULT_PRODUCT, isProduct, PRODUCTS, type Product } from '../product';
import { assertArgon2idHash, assertEncrypted, assertEncryptedOrNull, assertSha256Hex } from '../protected-values';
import type { AccountCommand, CreateAccount, DeleteAccount, JoinOrganization, LeaveOrganization, SetPassword, UpdateAccount } from './account.commands';
import { AccountAlreadyExists, AccountInManyOrganizations, AccountNotFound } from './account.errors';
import type { AccountChangedFields, AccountCreated, AccountDeleted, AccountEvent, AccountPasswordSet } from './account.events';
import { evolveAccount, initialAccountState, type AccountState } from './account.state';

export function decideCreateAccount(command: CreateAccount, state: AccountState): AccountEvent[] {
  // A deleted account's id stays taken too: its stream, and its erased history, remain.
  if (state.exists) throw new AccountAlreadyExists(command.accountId);
  assertEncrypted('email', command.email);
  assertSha256Hex('email_hash', command.emailHash);
  const name = command.name ?? null;
  const avatarUrl = command.avatarUrl ?? null;
  assertEncryptedOrNull('name', name);
  assertEncryptedOrNull('avatar_url', avatarUrl);
  const defaultProduct = command.defaultProduct ?? DEFAULT_PRODUCT;
  assertProduct(defaultProduct);
  const hasPassword = command.passwordHash !== undefined;
  if (hasPassword) assertArgon2idHash('password_hash', command.passwordHash);

  const created: AccountCreated = {
    type: 'AccountCreated',
    data: {
      account_id: command.accountId,
      email: command.email,
      email_hash: command.emailHash,
      name,
      avatar_url: avatarUrl,
      default_product: defaultProduct,
      email_verified: command.emailVerified,
      organization_id: command.organizationId,
      created_at: command.at,
      password_set: hasPassword,
    },
  };
  return hasPassword ? [created, passwordSet(command.accountId, command.passwordHash!, command.at)] : [created];
}

export function decideJoinOrganization(command: JoinOrganization, state: AccountState): AccountEvent[] {
  requireLive(command.accountId, state);
  if (state.organizationIds.includes(command.organizationId)) return [];
  return [{ type: 'AccountJoinedOrganization', data: { account_id: command.accountId, organization_id: command.organizationId, joined_at: command.at } }];
}

export function decideLeaveOrganization(command: LeaveOrganization, state: AccountState): AccountEvent[] {
  requireLive(command.accountId, state);
  if (!state.organizationIds.includes(command.organizationId)) return [];
  return [{ type: 'AccountLeftOrganization', data: { account_id: command.accountId, organization_id: command.organizationId, left_at: command.at } }];
}

export function decideUpdateAccount(command: UpdateAccount, state: AccountState): AccountEvent[] {
  requireLive(command.accountId, state);
  const { name, avatarUrl, defaultProduct } = command.changes;
  const changes: AccountChangedFields = {};
  if (name !== undefined) {
    assertEncryptedOrNull('name', name);
    changes.name = name;
  }
  if (avatarUrl !== undefined) {
    assertEncryptedOrNull('avatar_url', avatarUrl);
    changes.avatar_url = avatarUrl;
  }
  if (defaultProduct !== undefined) {
    assertProduct(defaultProduct);
    changes.default_product = defaultProduct;
  }
  // Sealed values cannot be compared (a fresh nonce each time), so a given field is a change.
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'AccountUpdated', data: { account_id: command.accountId, changes, updated_at: command.at } }];
}

export function decideSetPassword(command: SetPassword, state: AccountState): AccountEvent[] {
  requireLive(command.accountId, state);
  if (command.requireSingleOrganization && state.organizationIds.length > 1) throw new AccountInManyOrganizations(command.accountId);
  assertArgon2idHash('password_hash', command.passwordHash);
  return [passwordSet(command.accountId, command.passwordHash, command.at)];
}

export function decideDeleteAccount(command: DeleteAccount, state: AccountState): AccountEvent[] {
  requireLive(command.accountId, state);
  const deleted: AccountDeleted = {
    type: 'AccountDeleted',
    data: { account_id: command.accountId, email_hash: state.emailHash!, organization_ids: [...state.organizationIds], deleted_at: command.at },
  };
  return [deleted];
}

export function decideAccount(command: AccountCommand, state: AccountState): AccountEvent[] {
  switch (command.type) {
    case 'CreateAccount':
      return decideCreateAccount(command, state);
    case 'JoinOrganization':
      return decideJoinOrganization(command, state);
    case 'LeaveOrganization':
      return decideLeaveOrganization(command, state);
    case 'UpdateAccount':
      return decideUpdateAccount(command, state);
    case 'SetPassword':
      return decideSetPassword(command, state);
    case 'DeleteAccount':
      return decideDeleteAccount(command, state);
  }
}

/** The account aggregate, stream `account-<uuid>`. */
export const accountDecider: Decider<AccountState, AccountCommand, AccountEvent> = {
  initialState: initialAccountState,
  evolve: evolveAccount,
  decide: decideAccount,
};

function requireLive(accountId: string, state: AccountState): void {
  if (!state.exists || state.deleted) throw new AccountNotFound(accountId);
}

/** Shapes are checked in the HTTP layer; this keeps a caller that skipped it from storing a bad product forever. */
function assertProduct(product: unknown): asserts product is Product {
  if (!isProduct(product)) throw new ValidationError({ default_product: `must be one of ${PRODUCTS.join(', ')}` });
}

function passwordSet(accountId: string, passwordHash: string, at: string): AccountPasswordSet {
  return { type: 'AccountPasswordSet', data: { account_id: accountId, password_hash: passwordHash, set_at: at } };
}
