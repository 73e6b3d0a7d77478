import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Roles inserted for a member added in the same transaction (every new account) change nothing a
 * cache can hold: caches keep found rows only, and the member did not exist before the commit.
 * Only roles granted to a member who already existed drop the caches. A member row inserted by
 * this transaction carries its id as xmin; inside a savepoint it would not, which only signals
 * once too often.
 */
export class SignalRoleGrantsOfExistingMembers1764600000100 implements MigrationInterface {
  name = 'SignalRoleGrantsOfExistingMembers1764600000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION signal_member_role_grant() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE next_counter bigint;
      BEGIN
        IF EXISTS (
          SELECT 1 FROM changed_rows r WHERE NOT EXISTS (
            SELECT 1 FROM organization_members m
            WHERE m.organization_id = r.organization_id AND m.account_id = r.account_id AND m.xmin = pg_current_xact_id()::xid))
        THEN
          UPDATE read_model_changes SET counter = counter + 1 RETURNING counter INTO next_counter;
          PERFORM pg_notify('read_model_changed', next_counter::text);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query('DROP TRIGGER organization_member_roles_signal_insert ON organization_member_roles');
    await queryRunner.query(`CREATE TRIGGER organization_member_roles_signal_insert AFTER INSERT ON organization_member_roles
      REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION signal_member_role_grant()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER organization_member_roles_signal_insert ON organization_member_roles');
    await queryRunner.query(`CREATE TRIGGER organization_member_roles_signal_insert AFTER INSERT ON organization_member_roles
      REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION signal_read_model_change()`);
    await queryRunner.query('DROP FUNCTION signal_member_role_grant()');
  }
}
