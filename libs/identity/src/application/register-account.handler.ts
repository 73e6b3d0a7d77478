import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  actorOf,
  EVENT_STORE,
  fold,
  EventSourcedCommands,
  PERSONAL_DATA_VAULT,
  recordWrite,
  StreamNotFoundError,
  type EventStore,
  type PersonalDataVault,
  type RequestContext,
} from '@app/platform';
import { RegisterAccountCommand } from '../contracts/account.commands';
import { accountDecider, accountStream, EmailTaken, emailReservationDecider, emailReservationStream, type AccountEvent } from '../domain';
import type { AccountView } from '../contracts/account-view';
import { createdAccountView } from './created-account-view';
import { hashEmail } from './email-hash';
import { hashPassword } from './password-hashing';

/** How long a request that lost the race for an email waits for the winner's account to exist. */
const HOLDER_WAIT_MS = 5_000;

@CommandHandler(RegisterAccountCommand)
export class RegisterAccountHandler implements ICommandHandler<RegisterAccountCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ input, context }: RegisterAccountCommand): Promise<{ accountId: string; created: boolean; organizationIds: string[]; account?: AccountView }> {
    const emailHash = hashEmail(input.email);
    // The reservation stream is the uniqueness check: exactly one account gets an email.
    try {
      await this.commands.execute(emailReservationStream(emailHash), emailReservationDecider, { type: 'ReserveEmail', emailHash, accountId: input.accountId }, { expectNew: true, context });
    } catch (error) {
      if (!(error instanceof EmailTaken)) throw error;
      // The id asked for names no account: a key stored ahead for it goes (ADR 022).
      await this.vault.releaseSubject(input.accountId);
      const organizationIds = await this.awaitAccount(error.holderAccountId, context);
      return { accountId: error.holderAccountId, created: false, organizationIds };
    }
    const at = new Date().toISOString();
    try {
      const sealed = await this.vault.encryptFieldsCreatingKey(input.accountId, { email: input.email.trim(), name: input.name ?? null, avatarUrl: input.avatarUrl ?? null });
      await this.commands.execute(accountStream(input.accountId), accountDecider, {
        type: 'CreateAccount',
        accountId: input.accountId,
        email: sealed.email!,
        emailHash,
        name: sealed.name ?? null,
        avatarUrl: sealed.avatarUrl ?? null,
        passwordHash: input.password === undefined ? undefined : await hashPassword(input.password),
        defaultProduct: input.defaultProduct,
        organizationId: input.organizationId,
        emailVerified: false,
        at,
        actorId: actorOf(context, input.accountId),
      }, { expectNew: true, context });
    } catch (error) {
      // Give the email back so the next attempt can have it.
      await this.commands.execute(emailReservationStream(emailHash), emailReservationDecider, { type: 'ReleaseEmail', emailHash, accountId: input.accountId }, { context });
      throw error;
    }
    return { accountId: input.accountId, created: true, organizationIds: [input.organizationId], account: createdAccountView(input, at) };
  }

  /**
   * A concurrent request may have reserved the email and still be creating the account: wait
   * (bounded) until the account exists, and let the reply wait until the read models show it.
   */
  private async awaitAccount(accountId: string, context: RequestContext | undefined): Promise<string[]> {
    const deadline = Date.now() + HOLDER_WAIT_MS;
    for (;;) {
      // A read racing the holder's first append may find no events without the stream being reported missing.
      const events = await this.store.readStream(accountStream(accountId)).catch((error: unknown) => {
        if (error instanceof StreamNotFoundError) return [];
        throw error;
      });
      if (events.length > 0) {
        recordWrite(context, events[events.length - 1].position);
        return [...fold(accountDecider, events as unknown as AccountEvent[]).organizationIds];
      }
      if (Date.now() > deadline) return [];
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
