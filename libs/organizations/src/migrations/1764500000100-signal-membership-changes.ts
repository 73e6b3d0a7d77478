import type { MigrationInterface, QueryRunner } from 'typeorm';
import { signalChangesOf, stopSignallingChangesOf, type SignalledChange } from '@app/platform';

/**
 * A member leaving or a role changing (granted in a new product too) drops every process's
 * cached credentials, whose scopes are narrowed to the member's current roles.
 */
export class SignalMembershipChanges1764500000100 implements MigrationInterface {
  name = 'SignalMembershipChanges1764500000100';

  private readonly watched: ReadonlyArray<[string, SignalledChange[]]> = [
    ['organization_members', ['UPDATE', 'DELETE']],
    ['organization_member_roles', ['INSERT', 'UPDATE', 'DELETE']],
  ];

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, changes] of this.watched) for (const statement of signalChangesOf(table, changes)) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, changes] of this.watched) for (const statement of stopSignallingChangesOf(table, changes)) await queryRunner.query(statement);
  }
}
