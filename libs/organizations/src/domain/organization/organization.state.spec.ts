import type { OrganizationEvent } from './organization.events';
import { evolve, initialState, type OrganizationState } from './organization.state';

const org = 'org-1';
const at = '2026-01-01T00:00:00.000Z';
const member = { role_id: 'r-member', role: 'member', product: 'Accounts', type: 'primary' as const };
/** Members joining with their roles, and every tenth as members joined before roles were part of the event. */
const joined = (accountId: string, index: number): OrganizationEvent[] =>
  index % 10 === 0
    ? [
        { type: 'OrganizationMemberAdded', data: { organization_id: org, account_id: accountId, added_at: at } },
        { type: 'OrganizationMemberRoleSet', data: { organization_id: org, account_id: accountId, role: member, replaced_role_id: null, set_at: at } },
      ]
    : [{ type: 'OrganizationMemberAdded', data: { organization_id: org, account_id: accountId, added_at: at, roles: [member] } }];

/**
 * Folded states are shared: the command side keeps the last one of each stream and decides the
 * next command on it, so evolving must leave every earlier state as it was.
 */
describe('organization state', () => {
  it('folds a large organization, each state keeping its own members', () => {
    const states: OrganizationState[] = [];
    let state = evolve(initialState(), { type: 'OrganizationCreated', data: { organization_id: org, name: 'Acme', company: {}, created_by: 'm0', created_at: at } });
    for (let i = 0; i < 5_000; i++) {
      for (const event of joined(`m${i}`, i)) state = evolve(state, event);
      if (i % 1_000 === 999) states.push(state);
    }
    const removed = evolve(state, { type: 'OrganizationMemberRemoved', data: { organization_id: org, account_id: 'm10', removed_at: at } });

    expect(states.map((s) => s.members.size)).toEqual([1_000, 2_000, 3_000, 4_000, 5_000]);
    expect(states[0].members.has('m1000')).toBe(false);
    expect(states[4].members.get('m4999')?.roles.get('Accounts')).toEqual(member);
    expect(states[4].members.get('m4990')?.roles.get('Accounts')).toEqual(member);
    expect(removed.members.has('m10')).toBe(false);
    expect(state.members.has('m10')).toBe(true);
    expect(removed.members.size).toBe(4_999);
  });
});
