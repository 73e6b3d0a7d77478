import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, fold, StreamNotFoundError, type EventStore } from '@app/platform';
import { FindAccountByEmailQuery } from '../contracts/account.queries';
import { emailReservationDecider, emailReservationStream, type EmailReservationEvent } from '../domain';
import { hashEmail } from './email-hash';

/** Asks the reservation stream, the one source of truth for who holds an email. */
@QueryHandler(FindAccountByEmailQuery)
export class FindAccountByEmailHandler implements IQueryHandler<FindAccountByEmailQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ email }: FindAccountByEmailQuery): Promise<string | null> {
    try {
      const events = await this.store.readStream(emailReservationStream(hashEmail(email)));
      return fold(emailReservationDecider, events as unknown as EmailReservationEvent[]).holderAccountId ?? null;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
  }
}
