import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdentityReadModels1764400000200 implements MigrationInterface {
  name = 'CreateIdentityReadModels1764400000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Personal data in clear lives only here, and only while the account exists.
    await queryRunner.query(`CREATE TABLE accounts (
      account_id uuid PRIMARY KEY,
      email text,
      name text,
      avatar_url text,
      email_verified boolean NOT NULL,
      default_product text NOT NULL,
      default_organization_id uuid,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
    await queryRunner.query(`CREATE TABLE account_organizations (
      account_id uuid NOT NULL,
      organization_id uuid NOT NULL,
      joined_at timestamptz NOT NULL,
      PRIMARY KEY (account_id, organization_id)
    )`);
    await queryRunner.query(`CREATE TABLE account_passwords (
      account_id uuid PRIMARY KEY,
      password_hash text NOT NULL,
      set_at timestamptz NOT NULL
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE account_passwords');
    await queryRunner.query('DROP TABLE account_organizations');
    await queryRunner.query('DROP TABLE accounts');
  }
}
