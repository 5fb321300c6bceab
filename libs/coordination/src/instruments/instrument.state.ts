import { assertNever, type Body, type CalendarDate, type Source } from '@ddr/kernel';
import type { DueAfter, InstrumentEvent, PathwayStep, StepOutcome, Visibility } from './instrument.events';

export const INSTRUMENT_STATUSES = [
  'DRAFT',
  'IN_PROGRESS',
  'RETURNED',
  'REJECTED',
  'ADOPTED',
  'IN_IMPLEMENTATION',
  'HALTED',
  'IMPLEMENTED',
  'WITHDRAWN',
  'SUPERSEDED',
] as const;
export type InstrumentStatus = (typeof INSTRUMENT_STATUSES)[number];

export interface StepState extends PathwayStep {
  status: 'PENDING' | StepOutcome;
  effectiveDate: CalendarDate | null;
  meeting: string | null;
  /** Where the decision is recorded from; null while the step is pending. */
  source: Source | null;
}

export interface Instrument {
  id: string;
  kind: string;
  title: string;
  leadBody: Body;
  status: InstrumentStatus;
  pathway: StepState[];
  proposedOn: CalendarDate;
  /** The proposal's source: how exactly `proposedOn` is known. */
  source: Source;
  /** The reference it was enacted under (a decree's number), once given. */
  officialReference: string | null;
  /** The latest effective date of any act on the instrument: later acts may not predate it. */
  lastActOn: CalendarDate;
  supersededBy: string | null;
  visibility: Visibility;
}

/** Before the proposal there is no instrument. */
export type InstrumentState = Instrument | null;

const pending = (step: PathwayStep): StepState => ({ ...step, status: 'PENDING', effectiveDate: null, meeting: null, source: null });

/**
 * The bodies that may read an instrument (and its positions, and the commitments and conditions tied to it), or
 * null when every body may: its lead alone, or its lead and every body on its pathway as it stands now.
 */
export function readersOf({ visibility, leadBody, pathway }: Pick<Instrument, 'visibility' | 'leadBody' | 'pathway'>): Body[] | null {
  if (visibility === 'PUBLIC') return null;
  if (visibility === 'LEAD') return [leadBody];
  return [...new Set([leadBody, ...pathway.map((step) => step.body)])];
}

/** What is wrong with a deadline after an act, if anything. */
export function dueAfterProblem(dueAfter: DueAfter | null | undefined): string | undefined {
  if (!dueAfter) return undefined;
  if ((dueAfter.body === null) !== (dueAfter.action === null))
    return 'a deadline after a step names both its body and its action (or neither, for the adoption)';
  return Number.isInteger(dueAfter.days) && dueAfter.days >= 0 && dueAfter.days <= 3650 ? undefined : 'a deadline after an act is 0 to 3650 days after it';
}

/** Steps with `parallel` share the stage of the step before them; stages are decided in order. */
export function stageOf(pathway: readonly PathwayStep[]): number[] {
  const stages: number[] = [];
  pathway.forEach((step, i) => stages.push(i === 0 ? 0 : step.parallel ? stages[i - 1] : stages[i - 1] + 1));
  return stages;
}

/** The steps that may be decided now: the undecided steps of the first stage not fully approved. */
export function awaitedSteps(instrument: Instrument): number[] {
  if (instrument.status !== 'DRAFT' && instrument.status !== 'IN_PROGRESS') return [];
  const stages = stageOf(instrument.pathway);
  const open = instrument.pathway.findIndex((step) => step.status !== 'APPROVED');
  if (open < 0) return [];
  return instrument.pathway.flatMap((step, i) => (stages[i] === stages[open] && step.status === 'PENDING' ? [i] : []));
}

export function evolveInstrument(state: InstrumentState, event: InstrumentEvent): InstrumentState {
  const { effectiveDate } = event.data;
  if (event.type === 'InstrumentProposed') {
    const { instrumentId, kind, title, leadBody, pathway, visibility } = event.data;
    return {
      id: instrumentId,
      kind,
      title,
      leadBody,
      status: 'DRAFT',
      pathway: pathway.map(pending),
      proposedOn: effectiveDate,
      source: event.data.source,
      officialReference: null,
      lastActOn: effectiveDate,
      supersededBy: null,
      visibility,
    };
  }
  if (!state) return state;
  const next: Instrument = { ...state, lastActOn: effectiveDate > state.lastActOn ? effectiveDate : state.lastActOn };
  switch (event.type) {
    case 'StepDecided': {
      const { step, outcome, meeting, source } = event.data;
      const pathway = next.pathway.map((s, i) => (i === step ? { ...s, status: outcome, effectiveDate, meeting, source } : s));
      const status = outcome === 'APPROVED' ? 'IN_PROGRESS' : outcome;
      return { ...next, pathway, status };
    }
    case 'InstrumentAdopted':
      return { ...next, status: 'ADOPTED' };
    case 'InstrumentAmended': {
      const decided = next.pathway.filter((step) => step.status === 'APPROVED');
      return { ...next, title: event.data.title, pathway: [...decided, ...event.data.pathway.slice(decided.length).map(pending)] };
    }
    case 'InstrumentResubmitted':
      return {
        ...next,
        status: 'IN_PROGRESS',
        pathway: next.pathway.map((step) => (step.status === 'RETURNED' ? pending(step) : step)),
      };
    case 'ImplementationStarted':
    case 'ImplementationResumed':
      return { ...next, status: 'IN_IMPLEMENTATION' };
    case 'ImplementationHalted':
      return { ...next, status: 'HALTED' };
    case 'ImplementationCompleted':
      return { ...next, status: 'IMPLEMENTED' };
    case 'InstrumentWithdrawn':
      return { ...next, status: 'WITHDRAWN' };
    case 'InstrumentSuperseded':
      return { ...next, status: 'SUPERSEDED', supersededBy: event.data.supersededBy };
    case 'OfficialReferenceGiven':
      return { ...next, officialReference: event.data.reference };
    case 'InstrumentVisibilityChanged':
      return { ...next, visibility: event.data.visibility };
    case 'MilestoneReached':
    case 'PositionTabled':
    case 'FindingRecorded':
      return next;
    default:
      return assertNever(event);
  }
}
