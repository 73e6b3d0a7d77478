import type { DomainEvent } from '@app/platform';

export type AccountEmailReserved = DomainEvent<'AccountEmailReserved', { email_hash: string; account_id: string }>;

export type AccountEmailReleased = DomainEvent<'AccountEmailReleased', { email_hash: string; account_id: string }>;

export type EmailReservationEvent = AccountEmailReserved | AccountEmailReleased;

export const EMAIL_RESERVATION_EVENT_TYPES = ['AccountEmailReserved', 'AccountEmailReleased'] as const satisfies readonly EmailReservationEvent['type'][];
