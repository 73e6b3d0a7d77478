import { PersonalDataVault, RowBuffer, type BufferedTable, type EncryptedValue, type Projection, type RecordedEvent, type ReplayOfBatches, type SealedItem, type SqlRunner } from '@app/platform';
import { ACCOUNT_CATEGORY, type AccountEvent } from '../domain';

const PERSONAL_FIELDS = ['email', 'name', 'avatar_url'] as const;

const ACCOUNTS: BufferedTable = {
  table: 'accounts',
  columns: {
    account_id: 'uuid',
    email: 'text',
    name: 'text',
    avatar_url: 'text',
    email_verified: 'boolean',
    default_product: 'text',
    default_organization_id: 'uuid',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
  key: ['account_id'],
};

const ACCOUNT_ORGANIZATIONS: BufferedTable = {
  table: 'account_organizations',
  columns: { account_id: 'uuid', organization_id: 'uuid', joined_at: 'timestamptz' },
  key: ['account_id', 'organization_id'],
};

const PASSWORDS: BufferedTable = {
  table: 'account_passwords',
  columns: { account_id: 'uuid', password_hash: 'text', set_at: 'timestamptz' },
  key: ['account_id'],
  update: ['password_hash', 'set_at'],
};

/**
 * Accounts with their personal data opened. An account whose key was destroyed opens to nulls,
 * and its deletion removes the row: after a rebuild, an erased account's data appears nowhere.
 */
export class AccountsProjection implements Projection {
  readonly name = 'accounts';
  readonly version = 1;
  readonly tables = ['accounts', 'account_organizations', 'account_passwords'];
  readonly categories = [ACCOUNT_CATEGORY];

  async apply(events: readonly RecordedEvent[], tx: SqlRunner): Promise<void> {
    await (await this.prepare(events, tx))(tx);
  }

  /** Opening the batch's personal data is its one read; the writes come after it, apart. */
  replay(): ReplayOfBatches {
    return { prepare: (events, read) => this.prepare(events, read) };
  }

  private async prepare(events: readonly RecordedEvent[], read: SqlRunner): Promise<(tx: SqlRunner) => Promise<void>> {
    const accountEvents = events.filter((e) => e.streamId.startsWith(`${ACCOUNT_CATEGORY}-`)) as unknown as (RecordedEvent & AccountEvent)[];
    const opened = await openPersonalData(accountEvents, read);
    return (tx) => this.write(accountEvents, opened, tx);
  }

  private async write(accountEvents: readonly (RecordedEvent & AccountEvent)[], opened: ReadonlyMap<EncryptedValue, string | null>, tx: SqlRunner): Promise<void> {
    const clear = (value: object | null | undefined) => (value ? (opened.get(value as EncryptedValue) ?? null) : null);
    // Creations and passwords, the bulk of the events, are written per batch; the rest per event.
    const rows = new RowBuffer([ACCOUNTS, ACCOUNT_ORGANIZATIONS, PASSWORDS]);
    for (const event of accountEvents) {
      if (event.type === 'AccountCreated') {
        const d = event.data;
        rows.add(ACCOUNTS, {
          account_id: d.account_id,
          email: clear(d.email),
          name: clear(d.name),
          avatar_url: clear(d.avatar_url),
          email_verified: d.email_verified,
          default_product: d.default_product,
          // Its first organization is its default.
          default_organization_id: d.organization_id,
          created_at: d.created_at,
          updated_at: d.created_at,
        });
        rows.add(ACCOUNT_ORGANIZATIONS, { account_id: d.account_id, organization_id: d.organization_id, joined_at: d.created_at });
      } else if (event.type === 'AccountPasswordSet') {
        rows.add(PASSWORDS, { account_id: event.data.account_id, password_hash: event.data.password_hash, set_at: event.data.set_at });
      } else {
        await rows.flush(tx);
        await this.applyOne(event, clear, tx);
      }
    }
    await rows.flush(tx);
  }

  private async applyOne(event: RecordedEvent & AccountEvent, clear: (value: object | null | undefined) => string | null, tx: SqlRunner): Promise<void> {
    switch (event.type) {
      case 'AccountJoinedOrganization':
        await this.joined(tx, event.data.account_id, event.data.organization_id, event.data.joined_at);
        return;
      case 'AccountLeftOrganization':
        await tx.query('DELETE FROM account_organizations WHERE account_id = $1 AND organization_id = $2', [event.data.account_id, event.data.organization_id]);
        await this.refreshDefaultOrganization(tx, event.data.account_id);
        return;
      case 'AccountUpdated': {
        const { changes, account_id, updated_at } = event.data;
        await tx.query(
          `UPDATE accounts SET
             name = CASE WHEN $2 THEN $3 ELSE name END,
             avatar_url = CASE WHEN $4 THEN $5 ELSE avatar_url END,
             default_product = COALESCE($6, default_product),
             updated_at = $7
           WHERE account_id = $1`,
          [account_id, 'name' in changes, clear(changes.name), 'avatar_url' in changes, clear(changes.avatar_url), changes.default_product ?? null, updated_at],
        );
        return;
      }
      case 'AccountDeleted':
        for (const table of ['account_passwords', 'account_organizations', 'accounts']) {
          await tx.query(`DELETE FROM ${table} WHERE account_id = $1`, [event.data.account_id]);
        }
        return;
    }
  }

  private async joined(tx: SqlRunner, accountId: string, organizationId: string, at: string): Promise<void> {
    await tx.query('INSERT INTO account_organizations (account_id, organization_id, joined_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      accountId,
      organizationId,
      at,
    ]);
    await this.refreshDefaultOrganization(tx, accountId);
  }

  /**
   * The default organization is the first one joined that the account still belongs to. A row
   * whose default stays is not touched: an update is a signalled change that drops every
   * process's caches (ADR 007), and most joins (the account's first) change nothing.
   */
  private async refreshDefaultOrganization(tx: SqlRunner, accountId: string): Promise<void> {
    await tx.query(
      `UPDATE accounts a SET default_organization_id = d.organization_id
       FROM (SELECT (SELECT organization_id FROM account_organizations WHERE account_id = $1 ORDER BY joined_at, organization_id LIMIT 1) AS organization_id) d
       WHERE a.account_id = $1 AND a.default_organization_id IS DISTINCT FROM d.organization_id`,
      [accountId],
    );
  }
}

/** Opens every sealed value of the batch with one key lookup. */
async function openPersonalData(events: readonly AccountEvent[], tx: SqlRunner): Promise<Map<EncryptedValue, string | null>> {
  const items: SealedItem[] = [];
  for (const event of events) {
    const sealed =
      event.type === 'AccountCreated' ? event.data : event.type === 'AccountUpdated' ? event.data.changes : undefined;
    if (!sealed) continue;
    for (const field of PERSONAL_FIELDS) {
      const value = (sealed as Record<string, unknown>)[field] as EncryptedValue | null | undefined;
      if (value) items.push({ subjectId: event.data.account_id, value });
    }
  }
  const opened = await PersonalDataVault.decryptManyWithin(tx, items);
  return new Map(items.map((item, i) => [item.value as EncryptedValue, opened[i]]));
}
