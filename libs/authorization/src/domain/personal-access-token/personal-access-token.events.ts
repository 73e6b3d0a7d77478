import type { DomainEvent } from '@app/platform';
import type { PatRevocationReason } from './pat-revocation-reason';

/** Never the PAT: only `token_hash`. `scopes` are known scopes, deduplicated, in canonical order. */
export type PersonalAccessTokenCreated = DomainEvent<
  'PersonalAccessTokenCreated',
  {
    pat_id: string;
    token_hash: string;
    account_id: string;
    organization_id: string;
    name: string;
    scopes: string[];
    created_at: string;
  }
>;

/** Carries the hash and owner again so caches can drop the PAT straight from this event. */
export type PersonalAccessTokenRevoked = DomainEvent<
  'PersonalAccessTokenRevoked',
  {
    pat_id: string;
    token_hash: string;
    account_id: string;
    organization_id: string;
    reason: PatRevocationReason;
    revoked_at: string;
  }
>;

export type PersonalAccessTokenEvent = PersonalAccessTokenCreated | PersonalAccessTokenRevoked;
