import type { Decider } from '@app/platform';
import { assertSha256Hex } from '../protected-values';
import type { EmailReservationCommand, ReleaseEmail, ReserveEmail } from './email-reservation.commands';
import { EmailTaken } from './email-reservation.errors';
import type { EmailReservationEvent } from './email-reservation.events';
import { evolveEmailReservation, initialEmailReservationState, type EmailReservationState } from './email-reservation.state';

export function decideReserveEmail(command: ReserveEmail, state: EmailReservationState): EmailReservationEvent[] {
  assertSha256Hex('email_hash', command.emailHash);
  if (state.holderAccountId === command.accountId) return [];
  if (state.holderAccountId !== null) throw new EmailTaken(state.holderAccountId);
  return [{ type: 'AccountEmailReserved', data: { email_hash: command.emailHash, account_id: command.accountId } }];
}

/** Only the holder releases: a late release by a former holder must not free someone else's email. */
export function decideReleaseEmail(command: ReleaseEmail, state: EmailReservationState): EmailReservationEvent[] {
  assertSha256Hex('email_hash', command.emailHash);
  if (state.holderAccountId !== command.accountId) return [];
  return [{ type: 'AccountEmailReleased', data: { email_hash: command.emailHash, account_id: command.accountId } }];
}

export function decideEmailReservation(command: EmailReservationCommand, state: EmailReservationState): EmailReservationEvent[] {
  switch (command.type) {
    case 'ReserveEmail':
      return decideReserveEmail(command, state);
    case 'ReleaseEmail':
      return decideReleaseEmail(command, state);
  }
}

/**
 * The email reservation, stream `accountEmail-<emailHash>`. A released email can be reserved
 * again on the same stream; the application appends at the exact revision it read, so two
 * accounts racing for a freed email cannot both win.
 */
export const emailReservationDecider: Decider<EmailReservationState, EmailReservationCommand, EmailReservationEvent> = {
  initialState: initialEmailReservationState,
  evolve: evolveEmailReservation,
  decide: decideEmailReservation,
};
