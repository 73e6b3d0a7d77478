import { randomUUID } from 'node:crypto';
import { CommandBus, CommandHandler, QueryBus, type ICommandHandler } from '@nestjs/cqrs';
import { EventSourcedCommands, ForbiddenError, actorOf } from '@app/platform';
import { ListHoldersOfRoleQuery, SetMemberRolesCommand } from '@app/organizations/contracts';
import { RevokeAccountCredentialsCommand } from '../contracts/authorization.commands';
import { assertDeletableRole, customRoleDecider, customRoleStreamId, customRoleView, findPredefinedRoleByName, scopesNotGranted, sortScopes, type RoleView } from '../domain';
import { ListRolesQuery } from './list-roles.query';
import { CreateCustomRoleCommand, DeleteCustomRoleCommand } from './custom-role.commands';


@CommandHandler(CreateCustomRoleCommand)
export class CreateCustomRoleHandler implements ICommandHandler<CreateCustomRoleCommand> {
  constructor(private readonly commands: EventSourcedCommands) {}

  async execute(command: CreateCustomRoleCommand): Promise<RoleView> {
    const missing = scopesNotGranted(command.scopes, command.creatorScopes);
    if (missing.length) throw new ForbiddenError(`A custom role may only carry scopes its creator holds; missing: ${missing.join(', ')}.`);
    const roleId = randomUUID();
    const outcome = await this.commands.execute(customRoleStreamId(roleId), customRoleDecider, {
      kind: 'CreateCustomRole',
      roleId,
      organizationId: command.organizationId,
      role: command.role,
      product: command.product,
      scopes: sortScopes(command.scopes),
      createdBy: actorOf(command.context),
      at: new Date().toISOString(),
    }, { expectNew: true, context: command.context });
    return customRoleView(outcome.state)!;
  }
}

/**
 * Deleting a custom role takes it from every holder first (an Accounts role is replaced by
 * `member`, since every account keeps one Accounts role), then deletes it, then revokes the
 * holders' credentials in that organization: their tokens may carry scopes that came from it.
 */
@CommandHandler(DeleteCustomRoleCommand)
export class DeleteCustomRoleHandler implements ICommandHandler<DeleteCustomRoleCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  async execute({ organizationId, roleId, context }: DeleteCustomRoleCommand): Promise<void> {
    assertDeletableRole(roleId);
    const role = (await this.queryBus.execute(new ListRolesQuery(organizationId))).find((r) => r.role_id === roleId && r.type === 'custom');
    const holders = role ? (await this.queryBus.execute(new ListHoldersOfRoleQuery(roleId))).filter((h) => h.organizationId === organizationId) : [];
    const held = role && { role_id: roleId, product: role.product, role: role.role, type: 'custom' as const };
    const member = findPredefinedRoleByName('Accounts', 'member')!;
    for (const holder of holders) {
      const [set, remove] = held!.product === 'Accounts' ? [[{ role_id: member.role_id, product: member.product, role: member.role, type: member.type }], []] : [[], [held!]];
      await this.commandBus.execute(new SetMemberRolesCommand(organizationId, holder.accountId, set, remove).within(context));
    }
    await this.commands.execute(customRoleStreamId(roleId), customRoleDecider, {
      kind: 'DeleteCustomRole',
      roleId,
      organizationId,
      deletedBy: actorOf(context),
      at: new Date().toISOString(),
    }, { context });
    for (const holder of holders) {
      await this.commandBus.execute(new RevokeAccountCredentialsCommand(holder.accountId, 'role_deleted', organizationId).within(context));
    }
  }
}
