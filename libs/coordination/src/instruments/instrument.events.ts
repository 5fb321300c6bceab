import type { Body, CalendarDate, DomainEvent, Source } from '@ddr/kernel';

/** SIGN: a party signs an agreement (the Government of Mali, the CMA and the Platform signed the 2015 Agreement). */
export const STEP_ACTIONS = ['ADOPT', 'REVIEW', 'APPROVE', 'FINAL_ADOPTION', 'ENDORSE', 'SIGN'] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];
export const STEP_OUTCOMES = ['APPROVED', 'REJECTED', 'RETURNED'] as const;
export type StepOutcome = (typeof STEP_OUTCOMES)[number];
/**
 * Who may read an instrument and what hangs off it: every body (PUBLIC, the default), the bodies on its pathway and
 * its lead body (PATHWAY), or its lead body alone (LEAD). Auditors and operators read everything.
 */
export const VISIBILITIES = ['PUBLIC', 'PATHWAY', 'LEAD'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** One stop on an instrument's way: a body and what it must do. */
export type PathwayStep = {
  body: Body;
  action: StepAction;
  /** Decided alongside the previous step rather than after it. */
  parallel: boolean;
  /**
   * When the step is due, if anyone set a deadline: a date, or a number of days after the step became
   * awaited. Absent from steps without one (and from every step proposed before deadlines existed).
   */
  dueDate?: CalendarDate;
  dueWithinDays?: number;
};

/**
 * A deadline set relative to an act of an instrument ("within 30 days of signing"): `days` after the
 * approval of its step `body` `action`, or after its adoption when no step is named. Commitments and
 * conditions may fall due so.
 */
export type DueAfter = { instrumentId: string; body: Body | null; action: StepAction | null; days: number };

/** Every instrument fact says where it comes from and how sure it is (schema version 2; version 1 had `sourceRef`). */
type Fact<Type extends string, Data> = DomainEvent<Type, Data & { instrumentId: string; effectiveDate: CalendarDate; source: Source }>;

/** Schema version 3 carries `visibility`; every instrument proposed before it was PUBLIC. */
export type InstrumentProposed = Fact<'InstrumentProposed', { kind: string; title: string; leadBody: Body; pathway: PathwayStep[]; visibility: Visibility }>;
export type StepDecided = Fact<'StepDecided', { step: number; body: Body; action: StepAction; outcome: StepOutcome; meeting: string | null }>;
export type InstrumentAdopted = Fact<'InstrumentAdopted', {}>;
export type InstrumentAmended = Fact<'InstrumentAmended', { title: string; pathway: PathwayStep[]; summary: string }>;
export type InstrumentResubmitted = Fact<'InstrumentResubmitted', {}>;
export type ImplementationStarted = Fact<'ImplementationStarted', {}>;
export type MilestoneReached = Fact<'MilestoneReached', { milestone: string; count: number | null; place: string | null }>;
export type ImplementationHalted = Fact<'ImplementationHalted', { reason: string }>;
export type ImplementationResumed = Fact<'ImplementationResumed', {}>;
export type ImplementationCompleted = Fact<'ImplementationCompleted', {}>;
export type InstrumentWithdrawn = Fact<'InstrumentWithdrawn', { reason: string }>;
export type InstrumentSuperseded = Fact<'InstrumentSuperseded', { supersededBy: string }>;
/** A party's stated position on an instrument under negotiation, e.g. a quota figure. */
export type PositionTabled = Fact<'PositionTabled', { party: string; statement: string; figure: number | null }>;
/** What a body or an outside observer found about the instrument's implementation, e.g. the Independent Observer's report. */
export type FindingRecorded = Fact<'FindingRecorded', { body: Body; finding: string }>;
/** The reference an instrument was enacted under (a decree's number); its title stays as proposed. */
export type OfficialReferenceGiven = Fact<'OfficialReferenceGiven', { reference: string }>;
/** The lead body widened or narrowed who may read the instrument, and said why. */
export type InstrumentVisibilityChanged = Fact<'InstrumentVisibilityChanged', { visibility: Visibility; reason: string }>;

export type InstrumentEvent =
  | InstrumentProposed
  | StepDecided
  | InstrumentAdopted
  | InstrumentAmended
  | InstrumentResubmitted
  | ImplementationStarted
  | MilestoneReached
  | ImplementationHalted
  | ImplementationResumed
  | ImplementationCompleted
  | InstrumentWithdrawn
  | InstrumentSuperseded
  | PositionTabled
  | FindingRecorded
  | OfficialReferenceGiven
  | InstrumentVisibilityChanged;

/** The instrument event types that carry a `source` since schema version 2. */
export const INSTRUMENT_EVENT_TYPES: readonly InstrumentEvent['type'][] = [
  'InstrumentProposed',
  'StepDecided',
  'InstrumentAdopted',
  'InstrumentAmended',
  'InstrumentResubmitted',
  'ImplementationStarted',
  'MilestoneReached',
  'ImplementationHalted',
  'ImplementationResumed',
  'ImplementationCompleted',
  'InstrumentWithdrawn',
  'InstrumentSuperseded',
  'PositionTabled',
];

export const instrumentStream = (instrumentId: string) => `instrument-${instrumentId}`;
