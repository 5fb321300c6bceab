import type { Body, CalendarDate, DomainEvent } from '@ddr/kernel';

/** Counts only: the system holds no personal data of ex-combatants. */
type Fact<Type extends string, Data> = DomainEvent<Type, Data & { programme: string; effectiveDate: CalendarDate; sourceRef: string | null }>;
type TrancheFact<Type extends string, Data> = Fact<Type, Data & { tranche: string }>;

export type ProgrammeLaunched = Fact<'ProgrammeLaunched', { title: string; leadBody: Body; target: number; targetDeserters: number }>;
export type EligibleCandidatesAnnounced = Fact<'EligibleCandidatesAnnounced', { count: number }>;
export type TrancheRegistered = TrancheFact<'TrancheRegistered', { count: number; deserters: number }>;
export type TrancheScreened = TrancheFact<'TrancheScreened', { fit: number; unfit: number }>;
/** The medically unfit await the CNDDR's socio-economic reinsertion programme. */
export type UnfitReferredToReinsertion = TrancheFact<'UnfitReferredToReinsertion', { count: number }>;
/** "One man, one weapon": weapons handed over on registration. */
export type WeaponsHandedOver = TrancheFact<'WeaponsHandedOver', { weapons: number }>;
export type TrainingStarted = TrancheFact<'TrainingStarted', { centre: string; count: number }>;
export type TrainingCompleted = TrancheFact<'TrainingCompleted', { centre: string; count: number }>;
export type TrancheIntegrated = TrancheFact<'TrancheIntegrated', { count: number }>;
export type TrancheRedeployed = TrancheFact<'TrancheRedeployed', { region: string; count: number }>;

export type ProgrammeEvent =
  | ProgrammeLaunched
  | EligibleCandidatesAnnounced
  | TrancheRegistered
  | TrancheScreened
  | UnfitReferredToReinsertion
  | WeaponsHandedOver
  | TrainingStarted
  | TrainingCompleted
  | TrancheIntegrated
  | TrancheRedeployed;

export const programmeStream = (code: string) => `programme-${code}`;

/** The training centres the brief names (Ségou region: Tiby, Banokoro, Mapho, Markala; Koulikoro region: Koulikoro). */
export const KNOWN_TRAINING_CENTRES = ['Tiby', 'Banokoro', 'Mapho', 'Markala', 'Koulikoro'] as const;
