import type { Body } from './bodies';
import type { CalendarDate } from './calendar-date';
import { isRejection, reject, type Decider, type Decision, type DomainEvent, type Rejection } from './decider';
import type { JsonObject } from './json';
import type { Source } from './source';

/**
 * A stream's acts in the order they took effect, not the order they were recorded: an act may be
 * recorded late (the Agreement's signing entered after the 2019 milestones) and any act may be
 * corrected by the body that recorded it. The state is the fold of the acts, corrections applied,
 * in effective-date order (ties in stream order); a new or corrected act is accepted only if that
 * whole sequence stays valid, each act checked at its place.
 */

/** What a correction replaces in the act's data: its date, source (a whole `Source`), note, figures. */
export type ActChanges = JsonObject;

/** The body that recorded an act corrects it: a new event on the same stream, the original kept. */
export type ActCorrected = DomainEvent<
  'ActCorrected',
  // The aggregate's id fields too (`instrumentId`, `programme`), as on its other events.
  JsonObject & {
    /** The stream revision of the act corrected. */
    revision: number;
    reason: string;
    /** The act's data fields replaced, and what they held before. */
    changes: ActChanges;
    previous: ActChanges;
  }
>;

export interface CorrectAct {
  type: 'CorrectAct';
  by: Body;
  /** The aggregate's own id fields (`{ programme: 'ADDR-I' }`), carried into the event. */
  subject: JsonObject;
  revision: number;
  reason: string;
  effectiveDate: CalendarDate | null;
  source: Source | null;
  note: string | null;
  /** A figure null: corrected to unreported, where the act's figure may be. */
  figures: Record<string, number | null> | null;
}

/** A stored event as the runner hands it to a chronicle: with the body whose secretariat recorded it. */
export type Recorded<Event> = Event & { recordedBy?: Body | null };

export interface ChronicleEntry<Event> {
  revision: number;
  recordedBy: Body | null;
  /** The act as it now stands, corrections applied; null for a correction. */
  act: Event | null;
  /** The revision of the act this event belongs to: its own, or the cause's for a consequence (an adoption). */
  head: number;
  correctedBy: number[];
}

export interface Chronicle<Event, State> {
  entries: ChronicleEntry<Event>[];
  /** The fold of every act in effective-date order. */
  state: State;
  /** The latest effective date of any act: a later act extends the fold, an earlier one re-folds. */
  lastDate: CalendarDate | null;
}

/** What an aggregate tells the chronicle about its acts. */
export interface ChronicleSpec<Command, Event extends DomainEvent, State> {
  /** The version of the fold, for stored snapshots of the chronicle (`Decider.version`). */
  readonly version?: string;
  initialState(this: void): State;
  evolve(this: void, state: State, event: Event): State;
  /** Decides a command against the state on its effective date; `current` is the state with every act. */
  decide(this: void, command: Command, onItsDate: State, current: State): Decision<Event>;
  /** The rules that depend on order, for an act at its place: `after` is `evolve(before, event)`. */
  check(this: void, before: State, event: Event, after: State): Rejection | undefined;
  /** Event types recorded only as the consequence of the act before them (an adoption by the last step). */
  consequences?: readonly string[];
  /** The figures of each event type that a correction may change. */
  figures?: Partial<Record<string, readonly string[]>>;
  /** Of those, the figures a report may leave unknown: a correction may set them to null. */
  unreportable?: Partial<Record<string, readonly string[]>>;
  /** A consequence whose data follows from its cause's, recomputed when the cause is corrected. */
  rederive?(this: void, cause: Event, consequence: Event): Event;
}

/** What folding a chronicle needs of its aggregate: readers fold their own views with it. */
export type ChronicleFold<Event extends DomainEvent, State> = Pick<
  ChronicleSpec<unknown, Event, State>,
  'initialState' | 'evolve' | 'consequences' | 'rederive'
>;

const dateOf = (event: DomainEvent) => event.data.effectiveDate;
const later = (a: CalendarDate | null, b: CalendarDate) => (a === null || b > a ? b : a);

/** The acts in the order they took effect, ties in the order they were recorded. */
export function inEffectiveOrder<Event extends DomainEvent>(entries: readonly ChronicleEntry<Event>[]): Array<ChronicleEntry<Event> & { act: Event }> {
  return entries
    .filter((entry): entry is ChronicleEntry<Event> & { act: Event } => entry.act !== null)
    .sort((a, b) => (dateOf(a.act) < dateOf(b.act) ? -1 : dateOf(a.act) > dateOf(b.act) ? 1 : a.revision - b.revision));
}

/** The state of each effective date, after its last act: what "as of" a date reads. */
export function statesByDate<Event extends DomainEvent, State>(
  spec: ChronicleFold<Event, State>,
  entries: readonly ChronicleEntry<Event>[],
): Array<{ date: CalendarDate; state: State; revision: number }> {
  const days: Array<{ date: CalendarDate; state: State; revision: number }> = [];
  let state = spec.initialState();
  let revision = -1;
  for (const { act, revision: r } of inEffectiveOrder(entries)) {
    state = spec.evolve(state, act);
    revision = Math.max(revision, r);
    const day = { date: dateOf(act), state, revision };
    if (days.at(-1)?.date === day.date) days[days.length - 1] = day;
    else days.push(day);
  }
  return days;
}

/** The state on a date: the fold of the acts effective by then. */
export function stateOn<Event extends DomainEvent, State>(spec: ChronicleFold<Event, State>, chronicle: Chronicle<Event, State>, date: CalendarDate): State {
  if (chronicle.lastDate === null || date >= chronicle.lastDate) return chronicle.state;
  return inEffectiveOrder(chronicle.entries)
    .filter(({ act }) => dateOf(act) <= date)
    .reduce((state, { act }) => spec.evolve(state, act), spec.initialState());
}

/** Folds the acts in effective-date order, checking each at its place; the first act out of place refuses. */
function foldChecked<Event extends DomainEvent, State>(
  spec: ChronicleSpec<unknown, Event, State>,
  entries: readonly ChronicleEntry<Event>[],
): State | Rejection {
  let state = spec.initialState();
  for (const { act, revision } of inEffectiveOrder(entries)) {
    const after = spec.evolve(state, act);
    const problem = spec.check(state, act, after);
    if (problem) return reject(problem.code, `${problem.message} (${act.type} of ${dateOf(act)}, revision ${revision}, at its place)`);
    state = after;
  }
  return state;
}

function refold<Event extends DomainEvent, State>(spec: ChronicleFold<Event, State>, entries: ChronicleEntry<Event>[]): Chronicle<Event, State> {
  let lastDate: CalendarDate | null = null;
  let state = spec.initialState();
  for (const { act } of inEffectiveOrder(entries)) {
    state = spec.evolve(state, act);
    lastDate = later(lastDate, dateOf(act));
  }
  return { entries, state, lastDate };
}

const isCorrection = (event: { type: string }): event is ActCorrected => event.type === 'ActCorrected';

/** The entries with a correction applied: its changes to the act's head, its new date to the act's consequences too. */
function corrected<Event extends DomainEvent, State>(
  spec: ChronicleFold<Event, State>,
  entries: readonly ChronicleEntry<Event>[],
  correction: ActCorrected,
  revision: number,
): ChronicleEntry<Event>[] {
  const { changes } = correction.data;
  const head = entries[correction.data.revision];
  if (!head?.act) return [...entries];
  const cause = { ...head.act, data: { ...head.act.data, ...changes } } as Event;
  return entries.map((entry) => {
    if (entry.revision === head.revision) return { ...entry, act: cause, correctedBy: [...entry.correctedBy, revision] };
    if (entry.head !== head.revision || !entry.act) return entry;
    const moved = { ...entry.act, data: { ...entry.act.data, effectiveDate: cause.data.effectiveDate } } as Event;
    return { ...entry, act: spec.rederive ? spec.rederive(cause, moved) : moved };
  });
}

type Extend<Event> = (entries: ChronicleEntry<Event>[], entry: ChronicleEntry<Event>) => ChronicleEntry<Event>[];
const copying = <Event>(entries: ChronicleEntry<Event>[], entry: ChronicleEntry<Event>) => [...entries, entry];

function withEvent<Event extends DomainEvent, State>(
  spec: ChronicleFold<Event, State>,
  chronicle: Chronicle<Event, State>,
  event: Recorded<Event | ActCorrected>,
  recordedBy: Body | null,
  extend: Extend<Event> = copying,
): Chronicle<Event, State> {
  const { entries } = chronicle;
  const revision = entries.length;
  if (isCorrection(event)) {
    const entry: ChronicleEntry<Event> = { revision, recordedBy, act: null, head: revision, correctedBy: [] };
    return refold(spec, extend(corrected(spec, entries, event, revision), entry));
  }
  const act = event as Event;
  const head = spec.consequences?.includes(act.type) && revision > 0 ? entries[revision - 1].head : revision;
  const next = extend(entries, { revision, recordedBy, act, head, correctedBy: [] });
  if (chronicle.lastDate !== null && dateOf(act) < chronicle.lastDate) return refold(spec, next);
  return { entries: next, state: spec.evolve(chronicle.state, act), lastDate: later(chronicle.lastDate, dateOf(act)) };
}

/** The chronicle of a stream, folded from its stored events (onto an earlier chronicle of it, when given). */
export const chronicleOf = <Event extends DomainEvent, State>(
  spec: ChronicleFold<Event, State>,
  events: Iterable<Recorded<Event | ActCorrected>>,
  from?: Chronicle<Event, State>,
  owned = false,
): Chronicle<Event, State> => {
  let chronicle: Chronicle<Event, State> = from
    ? { ...from, entries: owned ? from.entries : from.entries.slice() }
    : { entries: [], state: spec.initialState(), lastDate: null };
  // The entries are this fold's own (the earlier ones copied once, or grown in place when `from` is the caller's
  // alone): appended in place, so that a long stream loads in linear time and a few more events cost no copy per event.
  const push: Extend<Event> = (entries, entry) => (entries.push(entry), entries);
  for (const event of events) chronicle = withEvent(spec, chronicle, event, event.recordedBy ?? null, push);
  return chronicle;
};

/** Appends decided events (recorded by `by`) and checks the whole sequence, unless they simply extend it. */
function admit<Event extends DomainEvent, State>(
  spec: ChronicleSpec<unknown, Event, State>,
  chronicle: Chronicle<Event, State>,
  events: ReadonlyArray<Event | ActCorrected>,
  by: Body,
): Rejection | undefined {
  // Acts that extend the chronicle are checked on the state alone: no copy of a long stream's entries.
  let { state, lastDate } = chronicle;
  let admitted = 0;
  for (const act of events) {
    if (isCorrection(act) || (lastDate !== null && dateOf(act) < lastDate)) break;
    const after = spec.evolve(state, act);
    const problem = spec.check(state, act, after);
    if (problem) return problem;
    [state, lastDate, admitted] = [after, later(lastDate, dateOf(act)), admitted + 1];
  }
  if (admitted === events.length) return undefined;
  // A correction or an act dated before the last: the whole sequence is checked again, each act at its place.
  const next = events.reduce((grown, event) => withEvent(spec, grown, event, by), chronicle);
  const folded = foldChecked(spec, next.entries);
  return isRejection(folded) ? folded : undefined;
}

const sameSource = (a: Source, b: unknown): boolean => {
  const old = (b ?? {}) as Partial<Source>;
  return a.ref === old.ref && a.note === old.note && a.datePrecision === old.datePrecision && a.assumption === old.assumption;
};

function correct<Event extends DomainEvent, State>(
  spec: ChronicleSpec<unknown, Event, State>,
  command: CorrectAct,
  chronicle: Chronicle<Event, State>,
): Decision<ActCorrected> {
  const { revision, by } = command;
  const entry = chronicle.entries[revision];
  if (!entry) return reject('NOT_FOUND', `there is no act at revision ${revision} to correct`);
  if (!entry.act) return reject('BAD_USER_INPUT', `revision ${revision} is itself a correction: correct the act it corrected`);
  if (entry.head !== revision) return reject('BAD_USER_INPUT', `revision ${revision} follows from the act at revision ${entry.head}: correct that act`);
  if (entry.recordedBy !== by) {
    return reject('FORBIDDEN', `only the ${entry.recordedBy ?? 'recording'} secretariat, which recorded revision ${revision}, may correct it`);
  }
  const { data } = entry.act;
  const changes: ActChanges = {};
  if (command.effectiveDate !== null && command.effectiveDate !== data.effectiveDate) changes.effectiveDate = command.effectiveDate;
  if (command.source !== null && !sameSource(command.source, data.source)) {
    if (!('source' in data)) return reject('BAD_USER_INPUT', `${entry.act.type} carries no source to correct`);
    changes.source = { ...command.source };
  }
  if (command.note !== null && command.note !== data.note) {
    if (!('note' in data)) return reject('BAD_USER_INPUT', `${entry.act.type} carries no note to correct`);
    changes.note = command.note;
  }
  const allowed = spec.figures?.[entry.act.type] ?? [];
  const unreportable = spec.unreportable?.[entry.act.type] ?? [];
  for (const [figure, value] of Object.entries(command.figures ?? {})) {
    if (!allowed.includes(figure)) {
      return reject('BAD_USER_INPUT', `${figure} is not a figure of ${entry.act.type}${allowed.length ? ` (${allowed.join(', ')})` : ''}`);
    }
    if (value === null) {
      if (!unreportable.includes(figure)) return reject('BAD_USER_INPUT', `${figure} of ${entry.act.type} cannot be unreported`);
    } else if (!Number.isSafeInteger(value) || value < 0) return reject('BAD_USER_INPUT', `${figure} must be a whole number, zero or more`);
    if (value !== data[figure]) changes[figure] = value;
  }
  if (Object.keys(changes).length === 0) return reject('BAD_USER_INPUT', `the correction changes nothing in revision ${revision}`);
  const previous = Object.fromEntries(Object.keys(changes).map((key) => [key, data[key] ?? null]));
  const effectiveDate = (changes.effectiveDate as CalendarDate | undefined) ?? data.effectiveDate;
  const event: ActCorrected = {
    type: 'ActCorrected',
    data: { ...command.subject, revision, reason: command.reason, changes, previous, effectiveDate },
  };
  return [event];
}

export interface ChronicledDecider<Command, Event extends DomainEvent, State> extends Decider<
  Command | CorrectAct,
  Event | ActCorrected,
  Chronicle<Event, State>
> {
  /** The state on a date: the fold of the acts effective by then. */
  stateOn(this: void, chronicle: Chronicle<Event, State>, date: CalendarDate): State;
  /** How the aggregate's acts fold, for readers that fold their own views of them. */
  readonly spec: ChronicleFold<Event, State>;
}

/**
 * A decider over a chronicle: commands are decided on their effective date, corrections by the
 * body that recorded the act, and either is admitted only if every act stays valid at its place.
 */
export function chronicled<Command extends { type: string; by: Body; effectiveDate: CalendarDate }, Event extends DomainEvent, State>(
  spec: ChronicleSpec<Command, Event, State>,
): ChronicledDecider<Command, Event, State> {
  const general = spec as unknown as ChronicleSpec<unknown, Event, State>;
  return {
    version: spec.version,
    stateOn: (chronicle, date) => stateOn(spec, chronicle, date),
    spec: general,
    initialState: () => ({ entries: [], state: spec.initialState(), lastDate: null }),
    evolve: (chronicle, event) => withEvent(general, chronicle, event, (event as Recorded<Event>).recordedBy ?? null),
    fold: (events, from, owned) => chronicleOf(general, events, from, owned),
    decide(command, chronicle) {
      const decision =
        command.type === 'CorrectAct'
          ? correct(general, command as CorrectAct, chronicle)
          : spec.decide(command as Command, stateOn(spec, chronicle, (command as Command).effectiveDate), chronicle.state);
      if (isRejection(decision)) return decision;
      return admit(general, chronicle, decision, command.by) ?? decision;
    },
  };
}
