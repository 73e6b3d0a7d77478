import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actorOf, EventSourcedCommands, PERSONAL_DATA_VAULT, PersonalDataKeyMissingError, type PersonalDataVault } from '@app/platform';
import { DeleteAccountCommand, JoinOrganizationCommand, SetPasswordCommand, UpdateAccountCommand } from '../contracts/account.commands';
import { AccountNotFound, accountDecider, accountStream, emailReservationDecider, emailReservationStream, type AccountDeleted } from '../domain';
import { hashPassword } from './password-hashing';

const now = () => new Date().toISOString();

@CommandHandler(JoinOrganizationCommand)
export class JoinOrganizationHandler implements ICommandHandler<JoinOrganizationCommand> {
  constructor(private readonly commands: EventSourcedCommands) {}

  async execute(command: JoinOrganizationCommand): Promise<void> {
    await this.commands.execute(accountStream(command.accountId), accountDecider, {
      type: 'JoinOrganization',
      accountId: command.accountId,
      organizationId: command.organizationId,
      at: now(),
      actorId: actorOf(command.context),
    }, { context: command.context });
  }
}

@CommandHandler(UpdateAccountCommand)
export class UpdateAccountHandler implements ICommandHandler<UpdateAccountCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ accountId, changes, context }: UpdateAccountCommand): Promise<void> {
    const personal = {
      ...('name' in changes && changes.name !== undefined ? { name: changes.name } : {}),
      ...('avatarUrl' in changes && changes.avatarUrl !== undefined ? { avatarUrl: changes.avatarUrl } : {}),
    };
    const sealed = Object.keys(personal).length ? await this.sealFor(accountId, personal) : {};
    await this.commands.execute(accountStream(accountId), accountDecider, {
      type: 'UpdateAccount',
      accountId,
      changes: { ...sealed, ...(changes.defaultProduct !== undefined ? { defaultProduct: changes.defaultProduct } : {}) },
      at: now(),
      actorId: actorOf(context),
    }, { context });
  }

  /** An account deleted meanwhile (by a request racing this one) has no key any more: it is not found. */
  private async sealFor<T extends Record<string, string | null>>(accountId: string, personal: T) {
    try {
      return await this.vault.encryptFields(accountId, personal);
    } catch (error) {
      if (error instanceof PersonalDataKeyMissingError) throw new AccountNotFound(accountId);
      throw error;
    }
  }
}

@CommandHandler(SetPasswordCommand)
export class SetPasswordHandler implements ICommandHandler<SetPasswordCommand> {
  constructor(private readonly commands: EventSourcedCommands) {}

  async execute(command: SetPasswordCommand): Promise<void> {
    await this.commands.execute(accountStream(command.accountId), accountDecider, {
      type: 'SetPassword',
      accountId: command.accountId,
      passwordHash: await hashPassword(command.password),
      requireSingleOrganization: command.requireSingleOrganization,
      at: now(),
      actorId: actorOf(command.context),
    }, { context: command.context });
  }
}

@CommandHandler(DeleteAccountCommand)
export class DeleteAccountHandler implements ICommandHandler<DeleteAccountCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  async execute({ accountId, context }: DeleteAccountCommand): Promise<{ organizationIds: string[] }> {
    const outcome = await this.commands.execute(accountStream(accountId), accountDecider, { type: 'DeleteAccount', accountId, at: now(), actorId: actorOf(context) }, { context });
    const deleted = outcome.events.find((event): event is AccountDeleted => event.type === 'AccountDeleted')!;
    await this.commands.execute(emailReservationStream(deleted.data.email_hash), emailReservationDecider, {
      type: 'ReleaseEmail',
      emailHash: deleted.data.email_hash,
      accountId,
    }, { context });
    // Crypto-shredding: without the key, every sealed copy of the account's data in the log is unreadable.
    await this.vault.destroyKey(accountId);
    return { organizationIds: deleted.data.organization_ids };
  }
}
