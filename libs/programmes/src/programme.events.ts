import type { Body, CalendarDate, DomainEvent, Source } from '@ddr/kernel';
import type { Breakdown } from './programme-breakdown.state';

/**
 * Counts only: the system holds no personal data of ex-combatants. A count nobody reported is null, never 0
 * (the brief gives no number of deserters among the 1,840, nor of the medically unfit).
 */
type Fact<Type extends string, Data> = DomainEvent<Type, Data & { programme: string; effectiveDate: CalendarDate; source: Source }>;
type TrancheFact<Type extends string, Data> = Fact<Type, Data & { tranche: string }>;
/** `breakdown`: the count by category (the 1,006 integrated by rank); `{}` when none was reported, and before schema version 3. */
type SplitFact<Type extends string, Data> = TrancheFact<Type, Data & { breakdown: Breakdown }>;

/** `supportedBy`: the outside actors that supported the launch (ADDR-I: MINUSMA); absent before schema version 2. */
export type ProgrammeLaunched = Fact<'ProgrammeLaunched', { title: string; leadBody: Body; target: number; targetDeserters: number; supportedBy: Body[] }>;
export type EligibleCandidatesAnnounced = Fact<'EligibleCandidatesAnnounced', { count: number }>;
/** A centre where the programme trains, and its region (Tiby, Banokoro, Mapho and Markala in Ségou; Koulikoro in Koulikoro). */
export type TrainingCentreDesignated = Fact<'TrainingCentreDesignated', { centre: string; region: string }>;
export type TrancheRegistered = SplitFact<'TrancheRegistered', { count: number; deserters: number | null }>;
export type TrancheScreened = SplitFact<'TrancheScreened', { fit: number; unfit: number | null }>;
/** The medically unfit await the CNDDR's socio-economic reinsertion programme. */
export type UnfitReferredToReinsertion = TrancheFact<'UnfitReferredToReinsertion', { count: number }>;
/** "One man, one weapon": weapons handed over on registration. */
export type WeaponsHandedOver = TrancheFact<'WeaponsHandedOver', { weapons: number }>;
/** `centre` null: the centre was not reported; `count` null: how many began was not reported. */
export type TrainingStarted = TrancheFact<'TrainingStarted', { centre: string | null; count: number | null }>;
export type TrainingCompleted = SplitFact<'TrainingCompleted', { centre: string | null; count: number }>;
export type TrancheIntegrated = SplitFact<'TrancheIntegrated', { count: number }>;
export type TrancheRedeployed = SplitFact<'TrancheRedeployed', { region: string; count: number }>;

export type ProgrammeEvent =
  | ProgrammeLaunched
  | EligibleCandidatesAnnounced
  | TrainingCentreDesignated
  | TrancheRegistered
  | TrancheScreened
  | UnfitReferredToReinsertion
  | WeaponsHandedOver
  | TrainingStarted
  | TrainingCompleted
  | TrancheIntegrated
  | TrancheRedeployed;

/** The programme event types written with `sourceRef` before schema version 2. */
export const PROGRAMME_EVENT_TYPES: readonly ProgrammeEvent['type'][] = [
  'ProgrammeLaunched',
  'EligibleCandidatesAnnounced',
  'TrancheRegistered',
  'TrancheScreened',
  'UnfitReferredToReinsertion',
  'WeaponsHandedOver',
  'TrainingStarted',
  'TrainingCompleted',
  'TrancheIntegrated',
  'TrancheRedeployed',
];

/** The event types that carry a breakdown since schema version 3. */
export const SPLIT_EVENT_TYPES: readonly ProgrammeEvent['type'][] = [
  'TrancheRegistered',
  'TrancheScreened',
  'TrainingCompleted',
  'TrancheIntegrated',
  'TrancheRedeployed',
];

export const programmeStream = (code: string) => `programme-${code}`;

/** The training centres the brief names (Ségou region: Tiby, Banokoro, Mapho, Markala; Koulikoro region: Koulikoro). */
export const KNOWN_TRAINING_CENTRES = ['Tiby', 'Banokoro', 'Mapho', 'Markala', 'Koulikoro'] as const;
