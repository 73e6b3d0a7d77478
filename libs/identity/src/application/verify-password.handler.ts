import { Inject } from '@nestjs/common';
import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '@app/platform';
import { FindAccountByEmailQuery, VerifyPasswordQuery } from '../contracts/account.queries';
import { hashPassword, verifyPassword } from './password-hashing';

/** Hashed once at start: checked against when the email is unknown, so both failures take as long. */
const decoy = hashPassword('decoy password that matches nothing');

@QueryHandler(VerifyPasswordQuery)
export class VerifyPasswordHandler implements IQueryHandler<VerifyPasswordQuery> {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly queries: QueryBus,
  ) {}

  async execute({ email, password }: VerifyPasswordQuery): Promise<string | null> {
    const accountId = await this.queries.execute(new FindAccountByEmailQuery(email));
    const rows: { password_hash: string }[] = accountId
      ? await this.dataSource.query('SELECT password_hash FROM account_passwords WHERE account_id = $1', [accountId])
      : [];
    const matches = await verifyPassword(rows[0]?.password_hash ?? (await decoy), password);
    return accountId && rows[0] && matches ? accountId : null;
  }
}
