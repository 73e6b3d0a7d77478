import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSessionReadModels1764400000500 implements MigrationInterface {
  name = 'CreateSessionReadModels1764400000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    // ip and user_agent are null once the account's personal data key is destroyed.
    await queryRunner.query(`CREATE TABLE sessions (
      session_id uuid PRIMARY KEY,
      account_id uuid NOT NULL,
      organization_id uuid NOT NULL,
      identity_source text NOT NULL,
      ip text,
      user_agent text,
      started_at timestamptz NOT NULL
    )`);
    await queryRunner.query('CREATE INDEX sessions_account ON sessions (account_id, started_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE sessions');
  }
}
