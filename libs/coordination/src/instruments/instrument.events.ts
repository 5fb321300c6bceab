import type { Body, CalendarDate, DomainEvent } from '@ddr/kernel';

export const STEP_ACTIONS = ['ADOPT', 'REVIEW', 'APPROVE', 'FINAL_ADOPTION', 'ENDORSE'] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];
export const STEP_OUTCOMES = ['APPROVED', 'REJECTED', 'RETURNED'] as const;
export type StepOutcome = (typeof STEP_OUTCOMES)[number];

/** One stop on an instrument's way: a body and what it must do. */
export type PathwayStep = {
  body: Body;
  action: StepAction;
  /** Decided alongside the previous step rather than after it. */
  parallel: boolean;
};

type Fact<Type extends string, Data> = DomainEvent<Type, Data & { instrumentId: string; effectiveDate: CalendarDate }>;
type Sourced = { sourceRef: string | null };

export type InstrumentProposed = Fact<'InstrumentProposed', Sourced & { kind: string; title: string; leadBody: Body; pathway: PathwayStep[] }>;
export type StepDecided = Fact<'StepDecided', Sourced & { step: number; body: Body; action: StepAction; outcome: StepOutcome; meeting: string | null }>;
export type InstrumentAdopted = Fact<'InstrumentAdopted', {}>;
export type InstrumentAmended = Fact<'InstrumentAmended', { title: string; pathway: PathwayStep[]; summary: string }>;
export type InstrumentResubmitted = Fact<'InstrumentResubmitted', {}>;
export type ImplementationStarted = Fact<'ImplementationStarted', Sourced>;
export type MilestoneReached = Fact<'MilestoneReached', Sourced & { milestone: string; count: number | null; place: string | null }>;
export type ImplementationHalted = Fact<'ImplementationHalted', Sourced & { reason: string }>;
export type ImplementationResumed = Fact<'ImplementationResumed', Sourced>;
export type ImplementationCompleted = Fact<'ImplementationCompleted', Sourced>;
export type InstrumentWithdrawn = Fact<'InstrumentWithdrawn', Sourced & { reason: string }>;
export type InstrumentSuperseded = Fact<'InstrumentSuperseded', Sourced & { supersededBy: string }>;
/** A party's stated position on an instrument under negotiation, e.g. a quota figure. */
export type PositionTabled = Fact<'PositionTabled', Sourced & { party: string; statement: string; figure: number | null }>;

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
  | PositionTabled;

export const instrumentStream = (instrumentId: string) => `instrument-${instrumentId}`;
