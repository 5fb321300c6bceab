import type { Body, CalendarDate, Source } from '@ddr/kernel';
import type { PathwayStep, StepAction, StepOutcome, Visibility } from './instrument.events';

/** Every instrument command names the instrument, the body whose secretariat acts, and the act's date. */
type Act<Type extends string, Fields = {}> = {
  type: Type;
  instrumentId: string;
  /** The body whose secretariat records the act (from the caller's token). */
  by: Body;
  effectiveDate: CalendarDate;
  source: Source;
} & Fields;

export type ProposeInstrument = Act<'ProposeInstrument', { kind: string; title: string; leadBody: Body; pathway: PathwayStep[]; visibility: Visibility }>;
export type RecordStepDecision = Act<'RecordStepDecision', { body: Body; action: StepAction; outcome: StepOutcome; meeting: string | null }>;
export type AmendInstrument = Act<'AmendInstrument', { title: string; pathway: PathwayStep[]; summary: string }>;
export type ResubmitInstrument = Act<'ResubmitInstrument'>;
export type StartImplementation = Act<'StartImplementation'>;
export type RecordMilestone = Act<'RecordMilestone', { milestone: string; count: number | null; place: string | null }>;
export type HaltImplementation = Act<'HaltImplementation', { reason: string }>;
export type ResumeImplementation = Act<'ResumeImplementation'>;
export type CompleteImplementation = Act<'CompleteImplementation'>;
export type WithdrawInstrument = Act<'WithdrawInstrument', { reason: string }>;
export type SupersedeInstrument = Act<'SupersedeInstrument', { supersededBy: string }>;
export type TablePosition = Act<'TablePosition', { party: string; statement: string; figure: number | null }>;
export type RecordFinding = Act<'RecordFinding', { body: Body; finding: string }>;
export type GiveOfficialReference = Act<'GiveOfficialReference', { reference: string }>;
export type ChangeVisibility = Act<'ChangeVisibility', { visibility: Visibility; reason: string }>;

export type InstrumentCommand =
  | ProposeInstrument
  | RecordStepDecision
  | AmendInstrument
  | ResubmitInstrument
  | StartImplementation
  | RecordMilestone
  | HaltImplementation
  | ResumeImplementation
  | CompleteImplementation
  | WithdrawInstrument
  | SupersedeInstrument
  | TablePosition
  | RecordFinding
  | GiveOfficialReference
  | ChangeVisibility;
