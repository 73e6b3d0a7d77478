import type { DomainEvent } from '@app/platform';
import type { Product } from '../product';
import type { EncryptedPersonalData } from '../protected-values';

/*
 * Event data is stored forever, so it holds no personal data or secret in clear: email, name and
 * avatar_url are sealed with the account's key (destroying the key erases every copy), the
 * password only as its argon2id hash. Times are ISO 8601 strings.
 */

export type AccountCreated = DomainEvent<
  'AccountCreated',
  {
    account_id: string;
    email: EncryptedPersonalData;
    email_hash: string;
    name: EncryptedPersonalData | null;
    avatar_url: EncryptedPersonalData | null;
    default_product: Product;
    email_verified: boolean;
    organization_id: string;
    created_at: string;
    /** Whether an AccountPasswordSet follows in the same append. */
    password_set: boolean;
  }
>;

/** A fact of its own (also at creation), so an audit of password changes reads one event type. */
export type AccountPasswordSet = DomainEvent<'AccountPasswordSet', { account_id: string; password_hash: string; set_at: string }>;

export type AccountJoinedOrganization = DomainEvent<'AccountJoinedOrganization', { account_id: string; organization_id: string; joined_at: string }>;

export type AccountLeftOrganization = DomainEvent<'AccountLeftOrganization', { account_id: string; organization_id: string; left_at: string }>;

/** Only the fields that were given; absent means unchanged, null means cleared. */
export interface AccountChangedFields {
  name?: EncryptedPersonalData | null;
  avatar_url?: EncryptedPersonalData | null;
  default_product?: Product;
}

export type AccountUpdated = DomainEvent<'AccountUpdated', { account_id: string; changes: AccountChangedFields; updated_at: string }>;

/**
 * email_hash lets a follow-up release the email reservation; organization_ids lets every
 * organization's read models drop the account without reading its history.
 */
export type AccountDeleted = DomainEvent<'AccountDeleted', { account_id: string; email_hash: string; organization_ids: string[]; deleted_at: string }>;

export type AccountEvent = AccountCreated | AccountPasswordSet | AccountJoinedOrganization | AccountLeftOrganization | AccountUpdated | AccountDeleted;

export const ACCOUNT_EVENT_TYPES = [
  'AccountCreated',
  'AccountPasswordSet',
  'AccountJoinedOrganization',
  'AccountLeftOrganization',
  'AccountUpdated',
  'AccountDeleted',
] as const satisfies readonly AccountEvent['type'][];
