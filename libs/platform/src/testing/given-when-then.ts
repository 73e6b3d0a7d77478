import type { DomainEvent } from '../events/event-envelope';
import { fold, type Decider } from '../decider/decider';

/**
 * Given/When/Then for deciders in plain jest:
 *   given(decider, [AccountCreated]).when(command).then([AccountRenamed])
 *   given(decider, []).when(command).thenThrows(AccountNotFound)
 */
export function given<State, Command, Event extends DomainEvent>(decider: Decider<State, Command, Event>, events: readonly Event[]) {
  return {
    when(command: Command) {
      const decide = () => decider.decide(command, fold(decider, events));
      return {
        then(expected: readonly Event[]): void {
          expect(decide()).toEqual(expected);
        },
        thenThrows(errorType: abstract new (...args: never[]) => Error, message?: string | RegExp): void {
          let thrown: unknown;
          try {
            decide();
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(errorType);
          if (message) expect((thrown as Error).message).toMatch(message);
        },
      };
    },
  };
}
