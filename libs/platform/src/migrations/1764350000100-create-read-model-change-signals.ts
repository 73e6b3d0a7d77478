import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Change signals for per-process caches of read-model rows: a counter bumped (and announced with
 * NOTIFY) by statement triggers that modules attach to the tables caches read, and the registry
 * of cache holders with the last change each has acknowledged. See read-model-cache/.
 */
export class CreateReadModelChangeSignals1764350000100 implements MigrationInterface {
  name = 'CreateReadModelChangeSignals1764350000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One row: reading it is transactional, so a holder never acknowledges an uncommitted change.
    await queryRunner.query('CREATE TABLE read_model_changes (singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton), counter bigint NOT NULL)');
    await queryRunner.query('INSERT INTO read_model_changes (counter) VALUES (0)');
    await queryRunner.query(`CREATE TABLE read_model_cache_holders (
      holder_id uuid PRIMARY KEY,
      acknowledged bigint NOT NULL,
      heartbeat_at timestamptz NOT NULL
    )`);
    // Statement-level with a transition table: an upsert that changed nothing signals nothing.
    await queryRunner.query(`CREATE FUNCTION signal_read_model_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE next_counter bigint;
      BEGIN
        IF EXISTS (SELECT 1 FROM changed_rows) THEN
          UPDATE read_model_changes SET counter = counter + 1 RETURNING counter INTO next_counter;
          PERFORM pg_notify('read_model_changed', next_counter::text);
        END IF;
        RETURN NULL;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION signal_read_model_change()');
    await queryRunner.query('DROP TABLE read_model_cache_holders');
    await queryRunner.query('DROP TABLE read_model_changes');
  }
}
