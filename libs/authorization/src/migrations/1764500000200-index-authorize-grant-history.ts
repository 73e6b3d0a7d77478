import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The redirect limit reads an account's recent codes per client, and which token a code became. */
export class IndexAuthorizeGrantHistory1764500000200 implements MigrationInterface {
  name = 'IndexAuthorizeGrantHistory1764500000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX authorization_codes_client_account ON authorization_codes (client_id, account_id, issued_at)');
    await queryRunner.query('CREATE INDEX authorization_codes_access_token ON authorization_codes (access_token_id) WHERE access_token_id IS NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX authorization_codes_access_token');
    await queryRunner.query('DROP INDEX authorization_codes_client_account');
  }
}
