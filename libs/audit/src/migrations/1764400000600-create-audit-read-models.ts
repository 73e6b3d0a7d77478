import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuditReadModels1764400000600 implements MigrationInterface {
  name = 'CreateAuditReadModels1764400000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One row per event and organization it belongs to; `entry` keeps personal values sealed,
    // so erasing an account later erases them here too. The columns are the API's filters.
    await queryRunner.query(`CREATE TABLE audit_entries (
      organization_id text NOT NULL,
      commit_position bigint NOT NULL,
      prepare_position bigint NOT NULL,
      occurred_at timestamptz NOT NULL,
      type text NOT NULL,
      actor_id text NOT NULL,
      actor_client_id text,
      account_id text,
      session_id text,
      client_id text,
      correlation_id text NOT NULL,
      entry jsonb NOT NULL,
      PRIMARY KEY (organization_id, commit_position, prepare_position)
    )`);
    // What the audit remembers per stream between events (organizations, last field values).
    await queryRunner.query('CREATE TABLE audit_stream_contexts (stream_id text PRIMARY KEY, context jsonb NOT NULL)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_stream_contexts');
    await queryRunner.query('DROP TABLE audit_entries');
  }
}
