import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuthorizationReadModels1764400000000 implements MigrationInterface {
  name = 'CreateAuthorizationReadModels1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE access_tokens (
      token_id uuid PRIMARY KEY,
      token_hash text NOT NULL UNIQUE,
      account_id uuid NOT NULL,
      organization_id uuid NOT NULL,
      scopes text[] NOT NULL,
      client_id text,
      session_id uuid,
      issued_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      revoke_reason text
    )`);
    await queryRunner.query('CREATE INDEX access_tokens_account ON access_tokens (account_id, issued_at)');
    await queryRunner.query(`CREATE TABLE personal_access_tokens (
      pat_id uuid PRIMARY KEY,
      token_hash text NOT NULL UNIQUE,
      account_id uuid NOT NULL,
      organization_id uuid NOT NULL,
      name text NOT NULL,
      scopes text[] NOT NULL,
      created_at timestamptz NOT NULL,
      revoked_at timestamptz
    )`);
    await queryRunner.query('CREATE INDEX personal_access_tokens_account ON personal_access_tokens (account_id, created_at)');
    await queryRunner.query(`CREATE TABLE custom_roles (
      role_id uuid PRIMARY KEY,
      organization_id uuid NOT NULL,
      role text NOT NULL,
      product text NOT NULL,
      scopes text[] NOT NULL,
      created_at timestamptz NOT NULL
    )`);
    await queryRunner.query('CREATE INDEX custom_roles_organization ON custom_roles (organization_id, created_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE custom_roles');
    await queryRunner.query('DROP TABLE personal_access_tokens');
    await queryRunner.query('DROP TABLE access_tokens');
  }
}
