import type { DomainEvent } from '@app/platform';

/** The account allowed the client these scopes (all it allowed so far, sorted). */
export type OAuthConsentGranted = DomainEvent<
  'OAuthConsentGranted',
  {
    account_id: string;
    client_id: string;
    scopes: string[];
    granted_at: string;
  }
>;

export type OAuthConsentEvent = OAuthConsentGranted;
