import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CurrentCredential, OptionalCredential, RequireScopes, type Credential } from '@app/authorization';
import { GetAccountsQuery, type AccountView } from '@app/identity/contracts';
import { CurrentRequestContext, IdOrMePipe, ME, NotFoundError, OwnWrites, type RequestContext } from '@app/platform';
import { SignUpCommand } from '../application/sign-up.command';
import { UpdateOrganizationCommand } from '../contracts/organization.commands';
import { GetOrganizationQuery, ListOrganizationsOfAccountQuery } from '../contracts/organization.queries';
import type { OrganizationView } from '../contracts/organization-views';
import { SignUpDto } from './sign-up.dto';
import { OrganizationDto } from './update-organization.dto';

const ORGANIZATION_ID = new IdOrMePipe('organization_id', ['me', 'my']);

@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly ownWrites: OwnWrites,
  ) {}

  /**
   * Without credentials: signs up (a new account owning a new organization). With them: a new
   * organization owned by the caller. Answers 200 with the account, the organization and an
   * access token for it.
   */
  @Post()
  @HttpCode(200)
  @OptionalCredential()
  async create(@Body() body: SignUpDto, @CurrentCredential() caller: Credential | undefined, @CurrentRequestContext() context: RequestContext | undefined) {
    const organization = { name: body.organization?.name, company: body.organization?.company && { ...body.organization.company } };
    const result = await this.commands.execute(new SignUpCommand(body.email, body.password, organization, caller).within(context));
    await this.ownWrites.visible(context);
    const [account]: AccountView[] = await this.queries.execute(new GetAccountsQuery([result.accountId]));
    const created = await this.queries.execute(new GetOrganizationQuery(result.organizationId));
    const { name, ...rest } = account;
    return { ...rest, ...(name !== null ? { name } : {}), organization: created, access_token: result.accessToken };
  }

  /** The organizations the calling account belongs to. */
  @Get()
  list(@CurrentCredential() credential: Credential): Promise<OrganizationView[]> {
    return this.queries.execute(new ListOrganizationsOfAccountQuery(credential.accountId));
  }

  @Get(':organization_id')
  get(@Param('organization_id', ORGANIZATION_ID) id: string, @CurrentCredential() credential: Credential): Promise<OrganizationView> {
    return this.own(id, credential);
  }

  @Patch(':organization_id')
  @RequireScopes('organization--my:rw')
  async update(
    @Param('organization_id', ORGANIZATION_ID) id: string,
    @Body() body: OrganizationDto,
    @CurrentCredential() credential: Credential,
    @CurrentRequestContext() context: RequestContext | undefined,
  ): Promise<OrganizationView> {
    const organization = await this.own(id, credential);
    const changes = {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.company !== undefined ? { company: { ...body.company } } : {}),
    };
    await this.commands.execute(new UpdateOrganizationCommand(organization.organization_id, changes).within(context));
    // The reply reads the read model: let it catch up with this update first, or it shows the old state.
    await this.ownWrites.visible(context);
    return this.own(organization.organization_id, credential);
  }

  /** A credential sees its own organization only; any other id answers 404, never data. */
  private async own(id: string, credential: Credential): Promise<OrganizationView> {
    const organizationId = id === ME ? credential.organizationId : id;
    const organization = organizationId === credential.organizationId ? await this.queries.execute(new GetOrganizationQuery(organizationId)) : null;
    if (!organization) throw new NotFoundError('organization', id === ME ? credential.organizationId : id);
    return organization;
  }
}
