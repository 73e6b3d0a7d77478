import type { Decider } from '../decider/decider';
import type { DomainEvent } from '../events/event-envelope';

export type Deposited = DomainEvent<'Deposited', { amount: number }>;
export type Deposit = { amount: number; limit: number };

/**
 * A counter with a ceiling, for tests of the write side: its decisions depend on the state, so a
 * lost update or a decision on a stale state shows (an amount of 0 decides nothing).
 */
export const counterDecider: Decider<{ total: number }, Deposit, Deposited> = {
  initialState: () => ({ total: 0 }),
  evolve: (state, event) => ({ total: state.total + event.data.amount }),
  decide: (command, state) => {
    if (state.total + command.amount > command.limit) throw new Error('over the limit');
    return command.amount === 0 ? [] : [{ type: 'Deposited', data: { amount: command.amount } }];
  },
};
