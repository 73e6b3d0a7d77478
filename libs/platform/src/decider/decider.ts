import type { DomainEvent } from '../events/event-envelope';

/**
 * An aggregate as three pure functions. Time, ids and hashes arrive inside the command, so
 * deciding is deterministic and testable without a clock or a database.
 */
export interface Decider<State, Command, Event extends DomainEvent> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  /** The events the command causes, or a thrown domain error. An empty list: nothing to do. */
  decide(command: Command, state: State): Event[];
}

export function fold<State, Event extends DomainEvent>(decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>, events: readonly Event[]): State {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
}
