import type { DomainEvent } from '@app/platform';
import type { ClientKind } from './client-type';

export type OAuthClientRegistered = DomainEvent<
  'OAuthClientRegistered',
  {
    client_id: string;
    organization_id: string;
    name: string;
    /** The type as the client named it, and what it means. */
    type: string;
    kind: ClientKind;
    visibility: string;
    redirect_uris: string[];
    scopes: string[];
    /** SHA-256 of the secret (confidential clients only); the secret itself is shown once. */
    secret_hash: string | null;
    registered_by: string;
    registered_at: string;
  }
>;

export type OAuthClientUpdated = DomainEvent<
  'OAuthClientUpdated',
  { client_id: string; organization_id: string; changes: { name?: string; redirect_uris?: string[]; scopes?: string[] }; updated_at: string }
>;

export type OAuthClientDeleted = DomainEvent<'OAuthClientDeleted', { client_id: string; organization_id: string; deleted_by: string; deleted_at: string }>;

export type OAuthClientEvent = OAuthClientRegistered | OAuthClientUpdated | OAuthClientDeleted;
