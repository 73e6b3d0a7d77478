import type { MigrationInterface, QueryRunner } from 'typeorm';
import { signalChangesOf, stopSignallingChangesOf } from '@app/platform';

/**
 * A revoked token or PAT drops only its own cached credential in every process (the cache key is
 * the credential verifier's `token:`/`pat:` plus the secret's hash), instead of every cache of
 * every process: under a stream of revocations (logouts, the per-client token limit), the other
 * credentials stay cached. Custom roles still drop everything: a role backs many credentials.
 */
export class SignalTokenChangesByKey1764700000100 implements MigrationInterface {
  name = 'SignalTokenChangesByKey1764700000100';

  private readonly tables = [
    { table: 'access_tokens', keys: { prefix: 'token:', column: 'token_hash' } },
    { table: 'personal_access_tokens', keys: { prefix: 'pat:', column: 'token_hash' } },
  ];

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const { table, keys } of this.tables) {
      for (const statement of [...stopSignallingChangesOf(table), ...signalChangesOf(table, undefined, keys)]) await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table } of this.tables) {
      for (const statement of [...stopSignallingChangesOf(table), ...signalChangesOf(table)]) await queryRunner.query(statement);
    }
  }
}
