import { awaitedSteps, commitmentStatus, type Commitment, type Condition, type Instrument, type InstrumentEvent } from '@ddr/coordination';
import { addDays, statesByDate, type Body, type CalendarDate, type Chronicle, type JsonObject } from '@ddr/kernel';
import { conditionDeadline, dueAfterAct, instrumentViewFold, type InstrumentView } from '@ddr/read-model';
import { noticeId } from './logged-fact';
import { deskLink, type Notice, type NotificationKind } from './notification-kinds';

/** The instrument as readers see it (its steps' waits, its adoption date), folded from the watch's chronicle. */
export const instrumentView = (chronicle: Chronicle<InstrumentEvent, Instrument | null>): InstrumentView | null =>
  statesByDate(instrumentViewFold, chronicle.entries).at(-1)?.state ?? null;

/** What a deadline is on `today`: passed, near (within `nearDays`), or neither. */
const phaseOf = (dueDate: CalendarDate, today: CalendarDate, nearDays: number): 'PASSED' | 'NEAR' | undefined =>
  dueDate < today ? 'PASSED' : addDays(today, nearDays) >= dueDate ? 'NEAR' : undefined;

interface Deadline {
  kinds: { near: NotificationKind; passed: NotificationKind };
  /** What the deadline is of: with its due date, the notice's id, so that a moved deadline is told anew. */
  key: string[];
  body: Body;
  dueDate: CalendarDate;
  what: string;
  link: string;
  details: JsonObject;
}

function deadlineNotice(deadline: Deadline, today: CalendarDate, nearDays: number): Notice[] {
  const phase = phaseOf(deadline.dueDate, today, nearDays);
  if (!phase) return [];
  const kind = phase === 'PASSED' ? deadline.kinds.passed : deadline.kinds.near;
  return [
    {
      id: noticeId(kind, ...deadline.key, deadline.dueDate),
      kind,
      body: deadline.body,
      position: null,
      effectiveDate: phase === 'PASSED' ? addDays(deadline.dueDate, 1) : today,
      summary: `${deadline.what}: its deadline (${deadline.dueDate}) ${phase === 'PASSED' ? 'passed' : 'is near'}`,
      link: deadline.link,
      details: { ...deadline.details, dueDate: deadline.dueDate },
    },
  ];
}

/**
 * A commitment's deadline: the date its recorder stated, or, when it falls due a number of days after
 * an instrument's act, the date counted from that act once the act is known (a correction moves it).
 */
export function commitmentDueDate(commitment: Commitment, instrumentOf: (id: string) => InstrumentView | null): CalendarDate {
  if (!commitment.dueAfter) return commitment.dueDate;
  return dueAfterAct(instrumentOf(commitment.dueAfter.instrumentId), commitment.dueAfter).dueDate ?? commitment.dueDate;
}

export function commitmentDeadlines(
  commitment: Commitment,
  instrumentOf: (id: string) => InstrumentView | null,
  today: CalendarDate,
  nearDays: number,
): Notice[] {
  const dueDate = commitmentDueDate(commitment, instrumentOf);
  if (commitmentStatus({ ...commitment, dueDate }, today) === 'FULFILLED') return [];
  const { id, body, description, instrumentId } = commitment;
  return deadlineNotice(
    {
      kinds: { near: 'COMMITMENT_DEADLINE_NEAR', passed: 'COMMITMENT_OVERDUE' },
      key: [id],
      body,
      dueDate,
      what: `${body}'s commitment "${description}"`,
      link: deskLink.commitment(id),
      details: { commitmentId: id, description, instrumentId },
    },
    today,
    nearDays,
  );
}

/** Whether a condition in force has a deadline: a date, or days after an instrument's act (states stored before deadlines have neither field). */
export const conditionHasDeadline = (condition: Condition): boolean => !condition.withdrawnOn && Boolean(condition.dueDate || condition.dueAfter);

/** The deadline of a condition not met, told to each of `bodies` (those `condition.met` is told to), with what it still waits on. */
export function conditionDeadlines(
  condition: Condition,
  verdict: { met: boolean; blockedBy: string[] },
  bodies: readonly Body[],
  instrumentOf: (id: string) => InstrumentView | null,
  today: CalendarDate,
  nearDays: number,
): Notice[] {
  // As `conditions` in the API reads it.
  const { dueDate } = conditionDeadline(condition, instrumentOf);
  if (verdict.met || dueDate === null) return [];
  const { id, title, subject } = condition;
  return bodies.flatMap((body) =>
    deadlineNotice(
      {
        kinds: { near: 'CONDITION_DEADLINE_NEAR', passed: 'CONDITION_OVERDUE' },
        key: [id, body],
        body,
        dueDate,
        what: `${condition.body}'s condition "${title}", not met`,
        link: deskLink.condition(id),
        details: { conditionId: id, title, subject, setBy: condition.body, blockedBy: verdict.blockedBy },
      },
      today,
      nearDays,
    ),
  );
}

/** Whether any awaited step of the instrument has a deadline: only those instruments are folded into views. */
export const awaitsWithDeadline = (instrument: Instrument): boolean =>
  awaitedSteps(instrument).some((i) => instrument.pathway[i].dueDate !== undefined || instrument.pathway[i].dueWithinDays !== undefined);

/**
 * The deadlines of the steps the instrument awaits, as their open waits count them: a step's date, or its
 * number of days after the act that made it awaited (a correction of that act's date moves it). A decided
 * step's wait is closed, so its deadline is told no more.
 */
export function stepDeadlines(view: InstrumentView, tell: (step: number) => Body, today: CalendarDate, nearDays: number): Notice[] {
  return view.waits
    .filter((wait) => wait.endedOn === null && wait.dueDate !== null)
    .flatMap((wait) =>
      deadlineNotice(
        {
          kinds: { near: 'STEP_DEADLINE_NEAR', passed: 'STEP_OVERDUE' },
          key: [view.id, String(wait.step), wait.body, wait.action],
          body: tell(wait.step),
          dueDate: wait.dueDate!,
          what: `${view.title} awaits ${wait.body} (${wait.action}) since ${wait.since}`,
          link: deskLink.instrument(view.id),
          details: { instrumentId: view.id, title: view.title, step: wait.step, stepBody: wait.body, action: wait.action, awaitedSince: wait.since },
        },
        today,
        nearDays,
      ),
    );
}
