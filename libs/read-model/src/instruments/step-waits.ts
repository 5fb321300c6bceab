import { awaitedSteps, type Instrument, type InstrumentEvent, type StepAction, type StepOutcome, type StepState } from '@ddr/coordination';
import { addDays, daysBetween, withFields, type Body, type CalendarDate } from '@ddr/kernel';

/**
 * One wait of a pathway step: from the act that made it next (the proposal, the decision of the stage
 * before, a resubmission) to its decision, or still open. A wait cut short without a decision (the
 * instrument returned or rejected at a parallel step, withdrawn, or its pathway amended) ends with no outcome.
 */
export interface StepWait {
  step: number;
  body: Body;
  action: StepAction;
  /** The body whose act made the step next: the deciding body of the stage before, else the lead body. */
  handedOverBy: Body;
  since: CalendarDate;
  endedOn: CalendarDate | null;
  outcome: StepOutcome | null;
  /** The step's deadline for this wait: its date, or its number of days after `since`. */
  dueDate: CalendarDate | null;
}

/** A pathway step as readers see it: when its latest wait began, who handed it over, and (in `dueDate`) that wait's deadline. */
export interface StepView extends StepState {
  awaitedSince: CalendarDate | null;
  handedOverBy: Body | null;
}

const dueOf = (step: StepState, since: CalendarDate): CalendarDate | null => step.dueDate ?? (step.dueWithinDays ? addDays(since, step.dueWithinDays) : null);

/**
 * The waits after an event, from the waits before it and the instrument after it: the decided
 * step's wait ends with its outcome, a step no longer awaited (or no longer the same step) ends
 * without one, and a newly awaited step begins to wait on the event's date.
 */
export function nextWaits(waits: readonly StepWait[], after: Instrument, event: InstrumentEvent): StepWait[] {
  const date = event.data.effectiveDate;
  const awaited = awaitedSteps(after);
  const decided = event.type === 'StepDecided' ? event.data : null;
  const stillAwaited = (wait: StepWait) =>
    awaited.includes(wait.step) && after.pathway[wait.step].body === wait.body && after.pathway[wait.step].action === wait.action;
  const next = waits.map((wait): StepWait => {
    if (wait.endedOn !== null) return wait;
    if (decided && wait.step === decided.step) return { ...wait, endedOn: date, outcome: decided.outcome };
    return stillAwaited(wait) ? wait : { ...wait, endedOn: date };
  });
  const open = new Set(next.filter((wait) => wait.endedOn === null).map((wait) => wait.step));
  const handedOverBy = decided?.body ?? after.leadBody;
  for (const step of awaited) {
    if (open.has(step)) continue;
    const { body, action } = after.pathway[step];
    next.push({ step, body, action, handedOverBy, since: date, endedOn: null, outcome: null, dueDate: dueOf(after.pathway[step], date) });
  }
  return next;
}

/** Each step with its latest wait, if it is awaited now or was decided at the end of that wait. */
export function stepsWithWaits(pathway: readonly StepState[], waits: readonly StepWait[]): StepView[] {
  return pathway.map((step, i) => {
    const wait = waits.findLast((w) => w.step === i && w.body === step.body && w.action === step.action);
    const current = wait && (wait.endedOn === null || (wait.outcome !== null && step.status !== 'PENDING')) ? wait : null;
    return { ...step, awaitedSince: current?.since ?? null, handedOverBy: current?.handedOverBy ?? null, dueDate: current?.dueDate ?? step.dueDate };
  });
}

/** How long a wait lasted, or has lasted by `on` while open (null when it began after `on`). */
export function daysWaited(wait: Pick<StepWait, 'since' | 'endedOn'>, on: CalendarDate): number | null {
  if (wait.since > on) return null;
  return daysBetween(wait.since, wait.endedOn !== null && wait.endedOn <= on ? wait.endedOn : on);
}

/** A step on the date asked: how many days it waited (until its decision, or until then) and whether it is overdue. */
export interface StepReading extends StepView {
  daysWaited: number | null;
  overdue: boolean;
}

export interface WaitReading extends StepWait {
  daysWaited: number | null;
  overdue: boolean;
}

const overdue = (wait: { dueDate?: CalendarDate | null }, open: boolean, on: CalendarDate) => open && !!wait.dueDate && wait.dueDate < on;

export function stepOn(step: StepView, on: CalendarDate): StepReading {
  if (step.awaitedSince === null) return withFields(step, { daysWaited: null, overdue: false });
  const open = step.status === 'PENDING';
  const wait = { since: step.awaitedSince, endedOn: open ? null : step.effectiveDate };
  return withFields(step, { daysWaited: daysWaited(wait, on), overdue: overdue(step, open, on) });
}

export function waitOn(wait: StepWait, on: CalendarDate): WaitReading {
  const open = wait.endedOn === null || wait.endedOn > on;
  return withFields(wait, { daysWaited: daysWaited(wait, on), overdue: overdue(wait, open, on) });
}
