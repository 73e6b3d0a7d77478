import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { CACHE_COHERENCE, CoherentCache, DATA_SOURCE, isUuid, KeyedBatches, type CacheCoherence } from '@app/platform';
import type { AccountView } from '../contracts/account-view';
import { GetAccountsQuery } from '../contracts/account.queries';

interface AccountRow extends Omit<AccountView, 'created_at' | 'updated_at'> {
  created_at: Date;
  updated_at: Date;
}

const SELECT_ACCOUNTS = `SELECT account_id, email, name, email_verified, default_product, default_organization_id, avatar_url, created_at, updated_at
  FROM accounts WHERE account_id = ANY($1::uuid[])`;

/**
 * Accounts by id, in the order asked. A single account (GET /accounts/me and every other
 * one-account read) comes from a per-process cache that every change of the accounts table drops
 * on every process (platform read-model-cache), and the single accounts it does not hold that
 * concurrent requests ask for are read together (every reply to a write reads a new row); lists
 * always read the table.
 */
@QueryHandler(GetAccountsQuery)
export class GetAccountsHandler implements IQueryHandler<GetAccountsQuery> {
  private readonly cache: CoherentCache<AccountView>;
  // Ids that are no UUID are left out: one of them would fail the whole statement, every caller in it.
  private readonly singles = new KeyedBatches<AccountView>(async (ids) => new Map((await this.load(ids.filter(isUuid))).map((account) => [account.account_id, account])));

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CACHE_COHERENCE) coherence: CacheCoherence | null,
  ) {
    this.cache = new CoherentCache(coherence ?? undefined);
  }

  async execute({ accountIds }: GetAccountsQuery): Promise<AccountView[]> {
    if (accountIds.length === 0) return [];
    if (accountIds.length === 1) {
      // Frozen: the one cached object is handed to every later caller.
      const account = await this.cache.get(accountIds[0], async () => {
        const found = await this.singles.get(accountIds[0]);
        return found ? Object.freeze(found) : null;
      });
      return account ? [account] : [];
    }
    return this.load(accountIds);
  }

  private async load(accountIds: readonly string[]): Promise<AccountView[]> {
    const rows: AccountRow[] = await this.dataSource.query(SELECT_ACCOUNTS, [accountIds]);
    const byId = new Map(rows.map((row) => [row.account_id, { ...row, created_at: row.created_at.toISOString(), updated_at: row.updated_at.toISOString() }]));
    return accountIds.flatMap((id) => byId.get(id) ?? []);
  }
}
