import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CurrentRequestContext, IdOrMePipe, NotFoundError, type RequestContext } from '@app/platform';
import type { Credential } from '../contracts/credential';
import { CreateCustomRoleCommand, DeleteCustomRoleCommand } from '../application/custom-role.commands';
import { ListRolesQuery } from '../application/list-roles.query';
import { customRoleProblems, formatScopeList, InvalidCustomRole, parseScopeList, type RoleView } from '../domain';
import { CurrentCredential } from './current-credential.decorator';
import { RequireScopes } from './require-scopes.decorator';
import { CreateRoleDto } from './role.dto';

const ROLE_ID = new IdOrMePipe('role_id', []);

type RoleBody = Omit<RoleView, 'scope'>;
const withoutScope = ({ scope: _scope, ...role }: RoleView): RoleBody => role;
const withScopeText = (role: RoleView) => ({ ...withoutScope(role), scope: formatScopeList(role.scope) });

@Controller('roles')
export class RolesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequireScopes('accounts.roles--all:ro')
  async list(@CurrentCredential() credential: Credential): Promise<RoleBody[]> {
    return (await this.queries.execute(new ListRolesQuery(credential.organizationId))).map(withoutScope);
  }

  @Get(':role_id')
  @RequireScopes('accounts.roles--all:ro')
  async get(@Param('role_id', ROLE_ID) roleId: string, @CurrentCredential() credential: Credential) {
    const role = (await this.queries.execute(new ListRolesQuery(credential.organizationId))).find((r) => r.role_id === roleId);
    if (!role) throw new NotFoundError('role', roleId);
    return withScopeText(role);
  }

  /** Custom roles of the caller's organization (the spec can delete them but has no way to make one). */
  @Post()
  @HttpCode(201)
  @RequireScopes('accounts.roles--all:rw')
  async create(@Body() body: CreateRoleDto, @CurrentCredential() credential: Credential, @CurrentRequestContext() context: RequestContext | undefined) {
    const scopes = parseScopeList(body.scope);
    // Fields first (422), then the creator's reach (403): the command checks reach first, which would
    // report an unknown scope name as one the caller lacks.
    const problems = customRoleProblems({ role: body.role, product: body.product, scopes });
    if (Object.keys(problems).length) throw new InvalidCustomRole(problems);
    const role = await this.commands.execute(new CreateCustomRoleCommand(credential.organizationId, body.role, body.product, scopes, credential.scopes).within(context));
    return withScopeText(role);
  }

  @Delete(':role_id')
  @RequireScopes('accounts.roles--all:rw')
  async delete(
    @Param('role_id', ROLE_ID) roleId: string,
    @CurrentCredential() credential: Credential,
    @CurrentRequestContext() context: RequestContext | undefined,
  ): Promise<Record<string, never>> {
    await this.commands.execute(new DeleteCustomRoleCommand(credential.organizationId, roleId).within(context));
    return {};
  }
}
