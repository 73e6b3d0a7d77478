import { Module } from '@nestjs/common';
import type { ReadModelContribution } from '@app/platform';
import { CreateOrganizationHandler } from './application/create-organization.handler';
import { AddMemberHandler, RemoveMemberHandler, SetMemberRolesHandler } from './application/member-roles.handlers';
import {
  GetMembershipHandler,
  GetOrganizationHandler,
  ListHoldersOfRoleHandler,
  ListMembershipsHandler,
  ListOrganizationsOfAccountHandler,
} from './application/organization-queries.handlers';
import { GetMembershipAsOfHandler, GetOrganizationAsOfHandler } from './application/organization-as-of.handlers';
import { SignUpHandler } from './application/sign-up.handler';
import { UpdateOrganizationHandler } from './application/update-organization.handler';
import { OrganizationsController } from './http/organizations.controller';
import { CreateOrganizationReadModels1764400000100 } from './migrations/1764400000100-create-organization-read-models';
import { SignalMembershipChanges1764500000100 } from './migrations/1764500000100-signal-membership-changes';
import { SignalRoleGrantsOfExistingMembers1764600000100 } from './migrations/1764600000100-signal-role-grants-of-existing-members';
import { OrganizationsProjection } from './projections/organizations.projection';

export const ORGANIZATIONS_READ_MODEL: ReadModelContribution = {
  entities: [],
  migrations: [CreateOrganizationReadModels1764400000100, SignalMembershipChanges1764500000100, SignalRoleGrantsOfExistingMembers1764600000100],
  projections: [new OrganizationsProjection()],
};

@Module({
  controllers: [OrganizationsController],
  providers: [
    CreateOrganizationHandler,
    SignUpHandler,
    UpdateOrganizationHandler,
    AddMemberHandler,
    SetMemberRolesHandler,
    RemoveMemberHandler,
    GetOrganizationHandler,
    ListOrganizationsOfAccountHandler,
    GetMembershipHandler,
    ListMembershipsHandler,
    ListHoldersOfRoleHandler,
    GetOrganizationAsOfHandler,
    GetMembershipAsOfHandler,
  ],
})
export class OrganizationsModule {}
