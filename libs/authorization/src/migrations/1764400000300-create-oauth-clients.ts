import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOAuthClients1764400000300 implements MigrationInterface {
  name = 'CreateOAuthClients1764400000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE oauth_clients (
      client_id text PRIMARY KEY,
      organization_id uuid NOT NULL,
      name text NOT NULL,
      type text NOT NULL,
      kind text NOT NULL,
      visibility text NOT NULL,
      redirect_uris text[] NOT NULL,
      scopes text[] NOT NULL,
      secret_hash text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
    await queryRunner.query('CREATE INDEX oauth_clients_organization ON oauth_clients (organization_id, created_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE oauth_clients');
  }
}
