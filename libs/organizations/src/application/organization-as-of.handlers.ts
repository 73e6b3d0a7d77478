import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, StreamNotFoundError, type EventStore, type RecordedEvent } from '@app/platform';
import { GetMembershipAsOfQuery, GetOrganizationAsOfQuery } from '../contracts/organization-as-of.queries';
import type { Membership, OrganizationView } from '../contracts/organization-views';
import { evolve, initialState, type OrganizationEvent, type OrganizationState } from '../domain/organization';
import { organizationStream } from './organization-stream';

/**
 * Time travel: the organization's own decider state folded from its events up to a moment, in the
 * shape the read model would have shown then. The read models only know "now".
 */
async function stateAt(store: EventStore, organizationId: string, at: Date): Promise<{ state: OrganizationState; joinedAt: Map<string, string> }> {
  let events: RecordedEvent[] = [];
  try {
    events = await store.readStream(organizationStream(organizationId));
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  let state = initialState();
  const joinedAt = new Map<string, string>();
  for (const event of events) {
    if (Date.parse(event.metadata.occurredAt) > at.getTime()) break;
    const known = event as unknown as OrganizationEvent;
    if (known.type === 'OrganizationMemberAdded') joinedAt.set(known.data.account_id, known.data.added_at);
    state = evolve(state, known);
  }
  return { state, joinedAt };
}

@QueryHandler(GetOrganizationAsOfQuery)
export class GetOrganizationAsOfHandler implements IQueryHandler<GetOrganizationAsOfQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ organizationId, at }: GetOrganizationAsOfQuery): Promise<OrganizationView | null> {
    const { state } = await stateAt(this.store, organizationId, at);
    if (!state.exists) return null;
    // The read model keeps a cleared company field as NULL and the view leaves it out.
    const company = Object.fromEntries(Object.entries(state.company).filter(([, value]) => value !== null && value !== undefined));
    return { organization_id: organizationId, ...(state.name !== null ? { name: state.name } : {}), company };
  }
}

@QueryHandler(GetMembershipAsOfQuery)
export class GetMembershipAsOfHandler implements IQueryHandler<GetMembershipAsOfQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ organizationId, accountId, at }: GetMembershipAsOfQuery): Promise<Membership | null> {
    const { state, joinedAt } = await stateAt(this.store, organizationId, at);
    const member = state.members.get(accountId);
    if (!member) return null;
    // Ordered by product, as the read model lists them.
    const roles = [...member.roles.values()].sort((a, b) => (a.product < b.product ? -1 : a.product > b.product ? 1 : 0)).map((r) => ({ ...r }));
    return { organizationId, accountId, joinedAt: joinedAt.get(accountId)!, roles };
  }
}
