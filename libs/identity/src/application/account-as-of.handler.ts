import { Inject } from '@nestjs/common';
import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GetMembershipAsOfQuery } from '@app/organizations/contracts';
import { EVENT_STORE, PERSONAL_DATA_VAULT, StreamNotFoundError, type EncryptedValue, type EventStore, type PersonalDataVault, type RecordedEvent } from '@app/platform';
import { ERASED_VALUE, GetAccountAsOfQuery, type AccountBodyAsOf } from '../contracts/account-as-of.query';
import type { AccountView } from '../contracts/account-view';
import { accountStream, defaultOrganizationOf, evolveAccountHistory, initialAccountHistory, type AccountEvent, type AccountHistoryState } from '../domain';
import { accountBody } from '../http/account-body';

/**
 * Time travel for one account: its events up to the moment, folded, opened with today's key (an
 * account erased since shows as erased: the past is not kept readable), in the API's shape.
 */
@QueryHandler(GetAccountAsOfQuery)
export class GetAccountAsOfHandler implements IQueryHandler<GetAccountAsOfQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
    private readonly queries: QueryBus,
  ) {}

  async execute({ accountId, at, rolesIn }: GetAccountAsOfQuery): Promise<AccountBodyAsOf | null> {
    let state = initialAccountHistory();
    for (const event of await this.events(accountId)) {
      if (Date.parse(event.metadata.occurredAt) > at.getTime()) break;
      state = evolveAccountHistory(state, event as unknown as AccountEvent);
    }
    if (!state.exists || state.deleted) return null;
    const view = await this.open(accountId, state);
    const membership = rolesIn ? await this.queries.execute(new GetMembershipAsOfQuery(rolesIn, accountId, at)) : null;
    return accountBody(view, membership?.roles);
  }

  private async events(accountId: string): Promise<RecordedEvent[]> {
    try {
      return await this.store.readStream(accountStream(accountId));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  private async open(accountId: string, state: AccountHistoryState): Promise<AccountView> {
    const sealed = [state.email, state.name, state.avatarUrl];
    const [email, name, avatarUrl] = await this.vault.decryptMany(sealed.map((value) => ({ subjectId: accountId, value: value as EncryptedValue | null })));
    const shown = (value: string | null, i: number) => (sealed[i] === null ? null : (value ?? ERASED_VALUE));
    return {
      account_id: accountId,
      email: shown(email, 0)!,
      name: shown(name, 1),
      email_verified: state.emailVerified,
      default_product: state.defaultProduct!,
      default_organization_id: defaultOrganizationOf(state),
      avatar_url: shown(avatarUrl, 2),
      created_at: new Date(state.createdAt!).toISOString(),
      updated_at: new Date(state.updatedAt!).toISOString(),
    };
  }
}
