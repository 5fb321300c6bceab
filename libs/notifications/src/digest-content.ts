import { awaitedSteps, type Instrument } from '@ddr/coordination';
import type { Body, CalendarDate } from '@ddr/kernel';
import type { DigestContent } from './digest';
import { deskLink, type Notice } from './notification-kinds';
import { awaitedBody, type Watch } from './watch';

/** A step decided, as the digest lists it. */
export interface DecidedStep {
  instrumentId: string;
  title: string;
  decidedBy: Body;
  action: string;
  outcome: string;
  on: CalendarDate;
  /** Every body on the instrument's pathway, and its lead body: the bodies the decision concerns. */
  concerns: Body[];
}

/**
 * What a body's digest says on `today`: the watch's state, and the decisions since the last digest. `deadlines`,
 * the watch's on `today` with none near, are swept once for every digest of the day by a caller that sends many.
 */
export function digestContent(
  watch: Watch,
  target: Pick<DigestContent, 'body' | 'language' | 'period'>,
  today: CalendarDate,
  decidedSince: readonly DecidedStep[],
  deadlines: readonly Notice[] = watch.deadlines(today, 0),
): DigestContent {
  const body = target.body;
  const mayRead = (instrument: Instrument) => watch.mayBeReadBy(`instrument-${instrument.id}`)?.includes(body) ?? true;
  const awaiting = watch
    .awaiting(body)
    .filter(mayRead)
    .flatMap((instrument) =>
      awaitedSteps(instrument)
        .filter((i) => awaitedBody(instrument, i) === body)
        .map((i) => ({
          title: instrument.title,
          action: instrument.pathway[i].action,
          since: awaitedSince(instrument, i),
          link: deskLink.instrument(instrument.id),
        })),
    );
  // Deadlines as the webhooks tell them: a commitment due after an act counts from that act.
  const passed = <Details>(kind: Notice['kind']) =>
    deadlines
      .filter((n) => n.kind === kind && n.body === body)
      .map(({ details, link }) => ({ ...(details as Details & { dueDate: CalendarDate }), link }))
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const overdue = passed<{ description: string }>('COMMITMENT_OVERDUE').map(({ description, dueDate, link }) => ({ description, dueDate, link }));
  const overdueSteps = passed<{ title: string; action: string; awaitedSince: CalendarDate }>('STEP_OVERDUE').map(
    ({ title, action, awaitedSince, dueDate, link }) => ({ title, action, since: awaitedSince, dueDate, link }),
  );
  const overdueConditions = passed<{ title: string }>('CONDITION_OVERDUE').map(({ title, dueDate, link }) => ({ title, dueDate, link }));
  const decided = decidedSince
    .filter((d) => d.concerns.includes(body))
    .map((d) => ({ title: d.title, decidedBy: d.decidedBy, action: d.action, outcome: d.outcome, on: d.on, link: deskLink.instrument(d.instrumentId) }));
  return { ...target, awaiting, overdue, overdueSteps, overdueConditions, decided };
}

/** The step has waited since the latest decision before it, or since the proposal. */
function awaitedSince(instrument: Instrument, step: number): CalendarDate {
  const earlier = instrument.pathway.slice(0, step).flatMap((s) => (s.effectiveDate ? [s.effectiveDate] : []));
  return earlier.sort().at(-1) ?? instrument.proposedOn;
}
