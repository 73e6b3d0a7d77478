import { randomUUID } from 'node:crypto';
import { CommandBus, CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { IssueAccessTokenCommand, ScopesOfRolesQuery } from '@app/authorization/contracts';
import { FindAccountByEmailQuery, JoinOrganizationCommand, RegisterAccountCommand } from '@app/identity/contracts';
import { ConflictError, type RequestContext } from '@app/platform';
import { CreateOrganizationCommand } from '../contracts/organization.commands';
import { OWNER_ROLE } from './role-refs';
import { SignUpCommand, type SignUpResult } from './sign-up.command';

@CommandHandler(SignUpCommand)
export class SignUpHandler implements ICommandHandler<SignUpCommand> {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  async execute({ email, password, organization, caller, context }: SignUpCommand): Promise<SignUpResult> {
    const organizationId = randomUUID();
    const accountId = caller ? await this.callerAccount(caller.accountId, email) : await this.newAccount(email, password, organizationId, context);
    await this.commands.execute(new CreateOrganizationCommand(organizationId, accountId, organization.name ?? null, organization.company ?? {}).within(context));
    if (caller) await this.commands.execute(new JoinOrganizationCommand(accountId, organizationId).within(context));
    const scopes = await this.queries.execute(new ScopesOfRolesQuery(organizationId, [OWNER_ROLE.role_id]));
    const token = await this.commands.execute(new IssueAccessTokenCommand(accountId, organizationId, scopes).within(context));
    return { accountId, organizationId, accessToken: token.accessToken };
  }

  private async newAccount(email: string, password: string | undefined, organizationId: string, context: RequestContext | undefined): Promise<string> {
    const accountId = randomUUID();
    // Signing up, the new account is the actor of everything the request records.
    if (context && !context.actorId) context.actorId = accountId;
    const registered = await this.commands.execute(new RegisterAccountCommand({ accountId, email, password, organizationId }).within(context));
    if (!registered.created) throw new ConflictError('The account already exists.');
    return registered.accountId;
  }

  /** A signed-in caller creates an organization for itself; an email of another account is a conflict. */
  private async callerAccount(callerId: string, email: string): Promise<string> {
    const holder = await this.queries.execute(new FindAccountByEmailQuery(email));
    if (holder && holder !== callerId) throw new ConflictError('The email belongs to another account.');
    return callerId;
  }
}
