import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrganizationReadModels1764400000100 implements MigrationInterface {
  name = 'CreateOrganizationReadModels1764400000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE organizations (
      organization_id uuid PRIMARY KEY,
      name text,
      company_phone text,
      company_website text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
    await queryRunner.query(`CREATE TABLE organization_members (
      organization_id uuid NOT NULL,
      account_id uuid NOT NULL,
      joined_at timestamptz NOT NULL,
      PRIMARY KEY (organization_id, account_id)
    )`);
    await queryRunner.query('CREATE INDEX organization_members_account ON organization_members (account_id, joined_at)');
    await queryRunner.query(`CREATE TABLE organization_member_roles (
      organization_id uuid NOT NULL,
      account_id uuid NOT NULL,
      product text NOT NULL,
      role_id uuid NOT NULL,
      role text NOT NULL,
      type text NOT NULL,
      PRIMARY KEY (organization_id, account_id, product)
    )`);
    await queryRunner.query('CREATE INDEX organization_member_roles_role ON organization_member_roles (role_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE organization_member_roles');
    await queryRunner.query('DROP TABLE organization_members');
    await queryRunner.query('DROP TABLE organizations');
  }
}
