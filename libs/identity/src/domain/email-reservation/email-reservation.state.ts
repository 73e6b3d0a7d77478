import type { EmailReservationEvent } from './email-reservation.events';

export interface EmailReservationState {
  /** The account holding the email, or null when it is free (never reserved, or released). */
  readonly holderAccountId: string | null;
}

export function initialEmailReservationState(): EmailReservationState {
  return { holderAccountId: null };
}

export function evolveEmailReservation(state: EmailReservationState, event: EmailReservationEvent): EmailReservationState {
  switch (event.type) {
    case 'AccountEmailReserved':
      return { holderAccountId: event.data.account_id };
    case 'AccountEmailReleased':
      return state.holderAccountId === event.data.account_id ? { holderAccountId: null } : state;
    default:
      return state;
  }
}
