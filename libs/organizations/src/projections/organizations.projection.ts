import { RowBuffer, type BufferedTable, type Projection, type RecordedEvent, type SqlRunner } from '@app/platform';
import type { OrganizationEvent, RoleRef } from '../domain/organization';

const MEMBERS: BufferedTable = {
  table: 'organization_members',
  columns: { organization_id: 'uuid', account_id: 'uuid', joined_at: 'timestamptz' },
  key: ['organization_id', 'account_id'],
};

const MEMBER_ROLES: BufferedTable = {
  table: 'organization_member_roles',
  columns: { organization_id: 'uuid', account_id: 'uuid', product: 'text', role_id: 'uuid', role: 'text', type: 'text' },
  key: ['organization_id', 'account_id', 'product'],
  update: ['role_id', 'role', 'type'],
};

/** Organizations, their members and each member's role per product. */
export class OrganizationsProjection implements Projection {
  readonly name = 'organizations';
  readonly version = 1;
  readonly tables = ['organizations', 'organization_members', 'organization_member_roles'];
  readonly categories = ['organization'];

  /** Members and their roles, the bulk of the events, are written per batch (RowBuffer); the rest per event. */
  async apply(events: readonly RecordedEvent[], tx: SqlRunner): Promise<void> {
    const rows = new RowBuffer([MEMBERS, MEMBER_ROLES]);
    for (const recorded of events) {
      if (!recorded.streamId.startsWith('organization-')) continue;
      const event = recorded as unknown as OrganizationEvent;
      if (event.type === 'OrganizationMemberAdded') {
        const { organization_id, account_id, added_at, roles = [] } = event.data;
        rows.add(MEMBERS, { organization_id, account_id, joined_at: added_at });
        for (const role of roles) rows.add(MEMBER_ROLES, memberRole(organization_id, account_id, role));
      } else if (event.type === 'OrganizationMemberRoleSet') {
        rows.add(MEMBER_ROLES, memberRole(event.data.organization_id, event.data.account_id, event.data.role));
      } else {
        await rows.flush(tx);
        await this.applyOne(event, tx);
      }
    }
    await rows.flush(tx);
  }

  private async applyOne(event: OrganizationEvent, tx: SqlRunner): Promise<void> {
    switch (event.type) {
      case 'OrganizationCreated': {
        const { organization_id, name, company, created_at } = event.data;
        await tx.query(
          `INSERT INTO organizations (organization_id, name, company_phone, company_website, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (organization_id) DO NOTHING`,
          [organization_id, name, company.phone ?? null, company.website ?? null, created_at],
        );
        return;
      }
      case 'OrganizationUpdated': {
        const { organization_id, changes, updated_at } = event.data;
        await tx.query(
          `UPDATE organizations SET
             name = CASE WHEN $2 THEN $3 ELSE name END,
             company_phone = CASE WHEN $4 THEN $5 ELSE company_phone END,
             company_website = CASE WHEN $6 THEN $7 ELSE company_website END,
             updated_at = $8
           WHERE organization_id = $1`,
          [
            organization_id,
            changes.name !== undefined,
            changes.name ?? null,
            changes.company?.phone !== undefined,
            changes.company?.phone ?? null,
            changes.company?.website !== undefined,
            changes.company?.website ?? null,
            updated_at,
          ],
        );
        return;
      }
      case 'OrganizationMemberRemoved':
        await tx.query('DELETE FROM organization_member_roles WHERE organization_id = $1 AND account_id = $2', [event.data.organization_id, event.data.account_id]);
        await tx.query('DELETE FROM organization_members WHERE organization_id = $1 AND account_id = $2', [event.data.organization_id, event.data.account_id]);
        return;
      case 'OrganizationMemberRoleRemoved':
        await tx.query('DELETE FROM organization_member_roles WHERE organization_id = $1 AND account_id = $2 AND product = $3 AND role_id = $4', [
          event.data.organization_id,
          event.data.account_id,
          event.data.role.product,
          event.data.role.role_id,
        ]);
        return;
    }
  }
}

function memberRole(organization_id: string, account_id: string, role: RoleRef): Record<string, unknown> {
  return { organization_id, account_id, product: role.product, role_id: role.role_id, role: role.role, type: role.type };
}
