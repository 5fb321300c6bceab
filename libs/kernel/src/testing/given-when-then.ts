import type { Body } from '../bodies';
import { isRejection, replay, type Decider, type DomainEvent, type RejectionCode } from '../decider';

/**
 * Decider specifications in the domain's words:
 * `given(decider, pastEvents).when(command).then(newEvents)` or `.rejects(code)`.
 */
export function given<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>, past: readonly Event[] = []) {
  const state = replay(decider, past);
  return {
    when(command: Command) {
      const decision = decider.decide(command, state);
      return {
        then(expected: readonly Event[]): void {
          if (isRejection(decision)) throw new Error(`expected events, got rejection ${decision.code}: ${decision.message}`);
          expect(decision).toEqual(expected);
        },
        rejects(code: RejectionCode, message?: RegExp): void {
          if (!isRejection(decision)) throw new Error(`expected a ${code} rejection, got ${JSON.stringify(decision)}`);
          expect(decision.code).toBe(code);
          if (message) expect(decision.message).toMatch(message);
        },
        /** The decision itself, for assertions the two above do not cover. */
        decision,
      };
    },
    state,
  };
}

/**
 * Runs commands one after another as the secretariats would, each event recorded by the body that sent
 * its command (what a chronicle needs to let that body correct it); fails on the first refusal.
 */
export function recorded<Command extends { type: string; by: Body }, Event extends DomainEvent, State>(
  decider: Decider<Command, Event, State>,
  commands: readonly Command[],
  past: readonly Event[] = [],
): Event[] {
  return commands.reduce<Event[]>(
    (history, command) => {
      const decision = given(decider, history).when(command).decision;
      if (isRejection(decision)) throw new Error(`${command.type} refused: ${decision.message}`);
      return [...history, ...decision.map((event) => ({ ...event, recordedBy: command.by }))];
    },
    [...past],
  );
}
