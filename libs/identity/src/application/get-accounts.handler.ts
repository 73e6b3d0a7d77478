import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '@app/platform';
import type { AccountView } from '../contracts/account-view';
import { GetAccountsQuery } from '../contracts/account.queries';

interface AccountRow extends Omit<AccountView, 'created_at' | 'updated_at'> {
  created_at: Date;
  updated_at: Date;
}

@QueryHandler(GetAccountsQuery)
export class GetAccountsHandler implements IQueryHandler<GetAccountsQuery> {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async execute({ accountIds }: GetAccountsQuery): Promise<AccountView[]> {
    if (accountIds.length === 0) return [];
    const rows: AccountRow[] = await this.dataSource.query(
      `SELECT account_id, email, name, email_verified, default_product, default_organization_id, avatar_url, created_at, updated_at
       FROM accounts WHERE account_id = ANY($1::uuid[])`,
      [accountIds],
    );
    const byId = new Map(rows.map((row) => [row.account_id, { ...row, created_at: row.created_at.toISOString(), updated_at: row.updated_at.toISOString() }]));
    return accountIds.flatMap((id) => byId.get(id) ?? []);
  }
}
