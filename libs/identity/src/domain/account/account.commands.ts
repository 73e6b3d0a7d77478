import type { Product } from '../product';
import type { EncryptedPersonalData } from '../protected-values';

/**
 * Everything a command needs arrives in it: ids, the time, hashes and personal data already sealed
 * by the application layer. `actorId` is who asked; it goes to the events' metadata, not their data.
 */
interface AccountCommandBase {
  readonly accountId: string;
  /** ISO 8601 time the command was accepted. */
  readonly at: string;
  readonly actorId: string;
}

export interface CreateAccount extends AccountCommandBase {
  readonly type: 'CreateAccount';
  readonly email: EncryptedPersonalData;
  /** sha256 of the lowercased email, lowercase hex: the key of the email reservation. */
  readonly emailHash: string;
  readonly name?: EncryptedPersonalData | null;
  readonly avatarUrl?: EncryptedPersonalData | null;
  /** argon2id hash in PHC form; absent when the account signs in another way. */
  readonly passwordHash?: string;
  readonly defaultProduct?: Product;
  /** The organization the account is created in; it becomes the default one. */
  readonly organizationId: string;
  readonly emailVerified: boolean;
}

export interface JoinOrganization extends AccountCommandBase {
  readonly type: 'JoinOrganization';
  readonly organizationId: string;
}

export interface LeaveOrganization extends AccountCommandBase {
  readonly type: 'LeaveOrganization';
  readonly organizationId: string;
}

/** Fields left out stay as they are; null clears an optional personal field. */
export interface AccountChanges {
  readonly name?: EncryptedPersonalData | null;
  readonly avatarUrl?: EncryptedPersonalData | null;
  readonly defaultProduct?: Product;
}

export interface UpdateAccount extends AccountCommandBase {
  readonly type: 'UpdateAccount';
  readonly changes: AccountChanges;
}

export interface SetPassword extends AccountCommandBase {
  readonly type: 'SetPassword';
  readonly passwordHash: string;
  /**
   * True when someone sets another account's password: the spec allows that only for an account
   * of a single organization, so one organization cannot take over a member of another.
   */
  readonly requireSingleOrganization: boolean;
}

export interface DeleteAccount extends AccountCommandBase {
  readonly type: 'DeleteAccount';
}

export type AccountCommand = CreateAccount | JoinOrganization | LeaveOrganization | UpdateAccount | SetPassword | DeleteAccount;
