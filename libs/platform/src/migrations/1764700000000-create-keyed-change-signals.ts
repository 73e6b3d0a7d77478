import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A change signal that names what changed: the counter is announced with the cache keys of the
 * changed rows (`<counter> <key>,<key>...`), so holders drop those entries and keep the rest. A
 * revoked token then costs every process one cache entry, not its whole cache. The trigger's
 * arguments are the keys' prefix and the column they are made of; past what a notification can
 * carry, the counter goes alone and every holder drops everything, as for any other change.
 */
export class CreateKeyedChangeSignals1764700000000 implements MigrationInterface {
  name = 'CreateKeyedChangeSignals1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION signal_read_model_change_of_keys() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        next_counter bigint;
        changed_keys text;
      BEGIN
        EXECUTE format('SELECT string_agg(DISTINCT %L || %I, '','') FROM changed_rows', TG_ARGV[0], TG_ARGV[1]) INTO changed_keys;
        IF changed_keys IS NULL THEN
          RETURN NULL;
        END IF;
        UPDATE read_model_changes SET counter = counter + 1 RETURNING counter INTO next_counter;
        IF octet_length(changed_keys) > 7000 THEN
          PERFORM pg_notify('read_model_changed', next_counter::text);
        ELSE
          PERFORM pg_notify('read_model_changed', next_counter::text || ' ' || changed_keys);
        END IF;
        RETURN NULL;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION signal_read_model_change_of_keys()');
  }
}
