import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The per-client limits read one client's live access tokens and refresh token families of one
 * account on every token request. The indexes they had led to every token and family the client
 * ever got for the account, revoked and expired ones too (or to none: a scan), so a token request
 * cost more the longer the account had used the client; an hourly refresh adds 8,760 tokens a
 * year. Partial indexes of the live rows replace them; revoking all of a client's tokens uses the
 * access token one too.
 */
export class IndexLiveTokensPerClient1764600000700 implements MigrationInterface {
  name = 'IndexLiveTokensPerClient1764600000700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX access_tokens_live_per_client ON access_tokens (client_id, account_id, expires_at) WHERE revoked_at IS NULL AND client_id IS NOT NULL');
    await queryRunner.query('DROP INDEX access_tokens_client_account');
    await queryRunner.query('CREATE INDEX refresh_token_families_live_per_client ON refresh_token_families (client_id, account_id) WHERE revoked_at IS NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX refresh_token_families_live_per_client');
    await queryRunner.query('CREATE INDEX access_tokens_client_account ON access_tokens (client_id, account_id) WHERE client_id IS NOT NULL');
    await queryRunner.query('DROP INDEX access_tokens_live_per_client');
  }
}
