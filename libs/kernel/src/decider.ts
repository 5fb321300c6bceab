import type { JsonObject } from './json';
import type { CalendarDate } from './calendar-date';

/**
 * A domain fact. `effectiveDate` is when it took effect in the world (the
 * body's decision date); the envelope adds when it was recorded.
 */
export interface DomainEvent<Type extends string = string, Data extends JsonObject = JsonObject> {
  type: Type;
  data: Data & { effectiveDate: CalendarDate };
}

export type RejectionCode = 'BAD_USER_INPUT' | 'CONFLICT' | 'FORBIDDEN' | 'NOT_FOUND';

/** A decider's refusal: a value, not an exception, so deciders stay pure and testable. */
export class Rejection {
  constructor(
    readonly code: RejectionCode,
    readonly message: string,
  ) {}
}

export const reject = (code: RejectionCode, message: string) => new Rejection(code, message);

/** What a command decides: the new facts, or why not. */
export type Decision<Event> = Event[] | Rejection;

/**
 * The pure core of every capability: `decide(command, state)` gives events or
 * a rejection; `evolve(state, event)` folds one event into the state.
 */
export interface Decider<Command, Event extends DomainEvent, State> {
  initialState(this: void): State;
  decide(this: void, command: Command, state: State): Decision<Event>;
  evolve(this: void, state: State, event: Event): State;
  /**
   * Names the shape of the state and of its fold (`meetings@2`): states are then kept as stored snapshots, and a
   * snapshot of another version is discarded. Change it whenever `evolve` or the state changes; leave it out and
   * states are kept in memory only.
   */
  readonly version?: string;
  /**
   * Folds events from the initial state (or onto `from`), when the decider does it faster than event by event.
   * `owned`: nobody reads `from` again, so the fold may grow it in place rather than copy it.
   */
  fold?(this: void, events: readonly Event[], from?: State, owned?: boolean): State;
}

export function isRejection(decision: unknown): decision is Rejection {
  return decision instanceof Rejection;
}

/** Folds a history into a state, as the runner does after loading a stream. */
export function replay<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>, events: readonly Event[], from?: State): State {
  if (decider.fold) return decider.fold(events, from);
  return events.reduce(decider.evolve, from ?? decider.initialState());
}

/** Ends an exhaustive switch: adding a case the code does not handle fails to compile. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case ${JSON.stringify(value)}`);
}
