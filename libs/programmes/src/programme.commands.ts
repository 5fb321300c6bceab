import type { Body, CalendarDate, CoordinatingBody, Source } from '@ddr/kernel';
import type { CategoryCount } from './programme-breakdown.state';

type Act<Type extends string, Fields = {}> = {
  type: Type;
  programme: string;
  by: Body;
  effectiveDate: CalendarDate;
  source: Source;
} & Fields;
type TrancheAct<Type extends string, Fields> = Act<Type, Fields & { tranche: string }>;
/** An act whose count may be broken down by category; an empty breakdown reports none. */
type SplitAct<Type extends string, Fields> = TrancheAct<Type, Fields & { breakdown: CategoryCount[] }>;

export type LaunchProgramme = Act<'LaunchProgramme', { title: string; target: number; targetDeserters: number; supportedBy: Body[] }>;
export type AnnounceEligibleCandidates = Act<'AnnounceEligibleCandidates', { count: number }>;
export type DesignateTrainingCentre = Act<'DesignateTrainingCentre', { centre: string; region: string }>;
export type RegisterTranche = SplitAct<'RegisterTranche', { count: number; deserters: number | null }>;
export type ScreenTranche = SplitAct<'ScreenTranche', { fit: number; unfit: number | null }>;
export type RecordWeaponsHandover = TrancheAct<'RecordWeaponsHandover', { weapons: number }>;
export type StartTraining = TrancheAct<'StartTraining', { centre: string | null; count: number | null }>;
export type CompleteTraining = SplitAct<'CompleteTraining', { centre: string | null; count: number }>;
export type IntegrateTranche = SplitAct<'IntegrateTranche', { count: number }>;
export type RedeployTranche = SplitAct<'RedeployTranche', { region: string; count: number }>;

export type ProgrammeCommand =
  | LaunchProgramme
  | AnnounceEligibleCandidates
  | DesignateTrainingCentre
  | RegisterTranche
  | ScreenTranche
  | RecordWeaponsHandover
  | StartTraining
  | CompleteTraining
  | IntegrateTranche
  | RedeployTranche;

/** Which secretariat issues each programme command: the CNDDR runs the programme, the Integration Commission integrates. */
export const PROGRAMME_DESKS: Record<ProgrammeCommand['type'], CoordinatingBody> = {
  LaunchProgramme: 'CNDDR',
  AnnounceEligibleCandidates: 'CNDDR',
  DesignateTrainingCentre: 'CNDDR',
  RegisterTranche: 'CNDDR',
  ScreenTranche: 'CNDDR',
  RecordWeaponsHandover: 'CNDDR',
  StartTraining: 'CNDDR',
  CompleteTraining: 'CNDDR',
  IntegrateTranche: 'INTEGRATION_COMMISSION',
  RedeployTranche: 'INTEGRATION_COMMISSION',
};
