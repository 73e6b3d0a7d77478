import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOAuthConsents1764500000300 implements MigrationInterface {
  name = 'CreateOAuthConsents1764500000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE oauth_consents (
      account_id uuid NOT NULL,
      client_id text NOT NULL,
      scopes text[] NOT NULL,
      granted_at timestamptz NOT NULL,
      PRIMARY KEY (account_id, client_id)
    )`);
    await queryRunner.query('CREATE INDEX oauth_consents_client ON oauth_consents (client_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE oauth_consents');
  }
}
