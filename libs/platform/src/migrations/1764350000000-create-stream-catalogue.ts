import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateStreamCatalogue1764350000000 implements MigrationInterface {
  name = 'CreateStreamCatalogue1764350000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE stream_catalogue (
      stream_id text PRIMARY KEY,
      category text NOT NULL,
      revision bigint NOT NULL,
      event_count bigint NOT NULL,
      first_event_at timestamptz NOT NULL,
      last_event_at timestamptz NOT NULL,
      last_event_type text NOT NULL
    )`);
    await queryRunner.query('CREATE INDEX stream_catalogue_category ON stream_catalogue (category, first_event_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE stream_catalogue');
  }
}
