import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Put, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { assertCanGrantRoles, CurrentCredential, grants, RequireScopes, ResolveRolesQuery, RevokeAccountCredentialsCommand, type Credential, type RoleView } from '@app/authorization';
import {
  AddMemberCommand,
  GetMembershipQuery,
  ListMembershipsQuery,
  ListOrganizationsOfAccountQuery,
  RemoveMemberCommand,
  SetMemberRolesCommand,
} from '@app/organizations/contracts';
import { RemoveAllSessionsCommand } from '@app/sessions/contracts';
import {
  ConflictError,
  CurrentRequestContext,
  EventSourcedCommands,
  ForbiddenError,
  IdOrMePipe,
  ME,
  NotFoundError,
  OwnWrites,
  PERSONAL_DATA_VAULT,
  ValidationError,
  type PersonalDataVault,
  type RequestContext,
} from '@app/platform';
import { DeleteAccountCommand, RegisterAccountCommand, SetPasswordCommand, UpdateAccountCommand } from '../contracts/account.commands';
import { GetAccountsQuery } from '../contracts/account.queries';
import { accountBody, type AccountBody } from './account-body';
import { AccountFieldsDto, CreateAccountDto, SetPasswordDto, SetRolesDto, type RoleReferenceDto } from './account.dto';

const ACCOUNT_ID = new IdOrMePipe('account_id');
const SEES_ROLES = 'accounts.roles--all:ro';

const toReference = (r: RoleReferenceDto) => (r.role_id ? { role_id: r.role_id } : { product: r.product!, role: r.role! });
const toHeld = (r: { role_id: string; product: string; role: string; type: 'primary' | 'secondary' | 'custom' }) => ({
  role_id: r.role_id,
  product: r.product,
  role: r.role,
  type: r.type,
});

@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly ownWrites: OwnWrites,
    private readonly units: EventSourcedCommands,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  /** The accounts of the credential's organization. */
  @Get()
  @RequireScopes('accounts--all:ro')
  async list(@CurrentCredential() credential: Credential): Promise<AccountBody[]> {
    const memberships = await this.queries.execute(new ListMembershipsQuery(credential.organizationId));
    const accounts = await this.queries.execute(new GetAccountsQuery(memberships.map((m) => m.accountId)));
    const rolesOf = new Map(memberships.map((m) => [m.accountId, m.roles]));
    const showRoles = grants(credential.scopes, SEES_ROLES);
    return accounts.map((account) => accountBody(account, showRoles ? rolesOf.get(account.account_id) : undefined));
  }

  /** Idempotent: the same email in the caller's organization answers 200 with the account as it is. */
  @Post()
  @RequireScopes('accounts--all:rw', 'accounts--all:rc')
  async create(
    @Body() body: CreateAccountDto,
    @CurrentCredential() credential: Credential,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentRequestContext() context: RequestContext | undefined,
  ): Promise<AccountBody> {
    if (body.roles?.length && !grants(credential.scopes, 'accounts.roles--all:rw')) throw new ForbiddenError();
    const roles = await this.resolveRoles(credential.organizationId, body.roles, 'roles', false);
    assertCanGrantRoles(roles, credential.scopes);
    // An id whose personal data key is stored already: sealing the account's email costs no statement.
    const accountId = await this.vault.newSubject();
    // The email's reservation, the account and its membership are written by one append.
    const registered = await this.units.together(context, async () => {
      const outcome = await this.commands.execute(
        new RegisterAccountCommand({
          accountId,
          email: body.email,
          password: body.password,
          name: body.name,
          avatarUrl: body.avatar_url,
          defaultProduct: body.default_product,
          organizationId: credential.organizationId,
        }).within(context),
      );
      if (!outcome.created) return { ...outcome, held: undefined };
      const membership = await this.commands.execute(new AddMemberCommand(credential.organizationId, outcome.accountId, roles.map(toHeld)).within(context));
      return { ...outcome, held: membership.roles };
    });
    if (!registered.created && !registered.organizationIds.includes(credential.organizationId)) {
      throw new ConflictError('The account already exists in a different organization.');
    }
    reply.status(registered.created ? 201 : 200);
    if (!registered.account) return this.body(registered.accountId, credential, context);
    // Created by this request: the reply is what the commands decided, as the read models will
    // show it, so nothing is read back; the wait still makes the caller's next read see it.
    await this.ownWrites.visible(context);
    return accountBody(registered.account, grants(credential.scopes, SEES_ROLES) ? registered.held : undefined);
  }

  @Get(':account_id')
  @RequireScopes('accounts--my:ro')
  async get(@Param('account_id', ACCOUNT_ID) id: string, @CurrentCredential() credential: Credential, @CurrentRequestContext() context: RequestContext | undefined): Promise<AccountBody> {
    const accountId = await this.target(id, credential, 'accounts--all:ro');
    return this.body(accountId, credential, context);
  }

  @Patch(':account_id')
  @RequireScopes('accounts--my:rw')
  async update(
    @Param('account_id', ACCOUNT_ID) id: string,
    @Body() body: AccountFieldsDto,
    @CurrentCredential() credential: Credential,
    @CurrentRequestContext() context: RequestContext | undefined,
  ): Promise<AccountBody> {
    const accountId = await this.target(id, credential, 'accounts--all:rw');
    const changes = {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.avatar_url !== undefined ? { avatarUrl: body.avatar_url } : {}),
      ...(body.default_product !== undefined ? { defaultProduct: body.default_product } : {}),
    };
    if (Object.keys(changes).length) await this.commands.execute(new UpdateAccountCommand(accountId, changes).within(context));
    return this.body(accountId, credential, context);
  }

  /**
   * Deletes the account everywhere: only the account itself, or an administrator of its only
   * organization, can. The owner must hand ownership over first (409).
   */
  @Delete(':account_id')
  @RequireScopes('accounts--my:rw')
  async delete(@Param('account_id', ACCOUNT_ID) id: string, @CurrentCredential() credential: Credential, @CurrentRequestContext() context: RequestContext | undefined): Promise<Record<string, never>> {
    const accountId = await this.target(id, credential, 'accounts--all:rw');
    const memberships = await this.membershipsOf(accountId, credential);
    for (const organizationId of memberships) await this.commands.execute(new RemoveMemberCommand(organizationId, accountId).within(context));
    await this.commands.execute(new RemoveAllSessionsCommand(accountId, 'account_deleted').within(context));
    await this.commands.execute(new DeleteAccountCommand(accountId).within(context));
    await this.commands.execute(new RevokeAccountCredentialsCommand(accountId, 'account_deleted').within(context));
    return {};
  }

  /** Sets, per product, the account's role (replacing the one it had) and removes roles. */
  @Put(':account_id/roles')
  @RequireScopes('accounts.roles--all:rw')
  async setRoles(
    @Param('account_id', ACCOUNT_ID) id: string,
    @Body() body: SetRolesDto,
    @CurrentCredential() credential: Credential,
    @CurrentRequestContext() context: RequestContext | undefined,
  ): Promise<AccountBody> {
    const accountId = await this.target(id, credential, 'accounts.roles--all:rw');
    const [set, remove] = await Promise.all([
      this.resolveRoles(credential.organizationId, body.set_roles, 'set_roles', true),
      this.resolveRoles(credential.organizationId, body.delete_roles, 'delete_roles', true),
    ]);
    assertCanGrantRoles(set, credential.scopes);
    await this.commands.execute(new SetMemberRolesCommand(credential.organizationId, accountId, set.map(toHeld), remove.map(toHeld)).within(context));
    return this.body(accountId, credential, context);
  }

  /** Sets the password and revokes every token of the account. */
  @Post(':account_id/password/reset')
  @HttpCode(200)
  @RequireScopes('accounts.password--my:rw')
  async setPassword(
    @Param('account_id', ACCOUNT_ID) id: string,
    @Body() body: SetPasswordDto,
    @CurrentCredential() credential: Credential,
    @CurrentRequestContext() context: RequestContext | undefined,
  ): Promise<Record<string, never>> {
    const accountId = await this.target(id, credential, 'accounts--all:rw');
    await this.commands.execute(new SetPasswordCommand(accountId, body.password, accountId !== credential.accountId).within(context));
    await this.commands.execute(new RevokeAccountCredentialsCommand(accountId, 'password_changed').within(context));
    await this.commands.execute(new RemoveAllSessionsCommand(accountId, 'password_changed').within(context));
    return {};
  }

  /**
   * The account a path names, checked: `--my` scopes reach only the caller's own account, others
   * need `otherScope`; an account outside the credential's organization answers 404.
   */
  private async target(id: string, credential: Credential, otherScope: string): Promise<string> {
    const accountId = id === ME ? credential.accountId : id;
    // The caller's own account: the credential check has just found it a member.
    if (accountId === credential.accountId) return accountId;
    if (!grants(credential.scopes, otherScope)) throw new ForbiddenError();
    const membership = await this.queries.execute(new GetMembershipQuery(credential.organizationId, accountId));
    if (!membership) throw new NotFoundError('account', accountId);
    return accountId;
  }

  /**
   * The roles references name, in the caller's organization. An unknown role is a 422 naming each
   * such reference (`roles.0`, ...): a reference by name has no id to report as a 404's
   * resource_id, and POST /accounts documents no 404. Only an unknown role id on PUT .../roles
   * stays a 404, as the spec documents there.
   */
  private async resolveRoles(organizationId: string, references: RoleReferenceDto[] = [], field: string, unknownIdIsNotFound: boolean): Promise<RoleView[]> {
    const resolved = await Promise.allSettled(references.map((reference) => this.queries.execute(new ResolveRolesQuery(organizationId, [toReference(reference)]))));
    const invalidFields: Record<string, string> = {};
    resolved.forEach((result, index) => {
      if (result.status === 'fulfilled') return;
      if (!(result.reason instanceof NotFoundError) || (references[index].role_id && unknownIdIsNotFound)) throw result.reason;
      invalidFields[`${field}.${index}`] = 'no such role in this organization';
    });
    if (Object.keys(invalidFields).length) throw new ValidationError(invalidFields);
    return resolved.flatMap((result) => (result.status === 'fulfilled' ? result.value : []));
  }

  /** Another account may be deleted only while it belongs to the caller's organization alone. */
  private async membershipsOf(accountId: string, credential: Credential): Promise<string[]> {
    const organizations = (await this.queries.execute(new ListOrganizationsOfAccountQuery(accountId))).map((o) => o.organization_id);
    if (accountId !== credential.accountId && organizations.length > 1) {
      throw new ConflictError('The account belongs to other organizations too.');
    }
    return organizations;
  }

  private async body(accountId: string, credential: Credential, context: RequestContext | undefined): Promise<AccountBody> {
    await this.ownWrites.visible(context);
    const [account] = await this.queries.execute(new GetAccountsQuery([accountId]));
    if (!account) throw new NotFoundError('account', accountId);
    const membership = grants(credential.scopes, SEES_ROLES) ? await this.queries.execute(new GetMembershipQuery(credential.organizationId, accountId)) : null;
    return accountBody(account, membership?.roles);
  }
}
