import { assertNever, type Body, type CalendarDate, type Source } from '@ddr/kernel';
import { addBreakdown, type SplitFigures, type Stage, type StageBreakdowns } from './programme-breakdown.state';
import type { ProgrammeEvent } from './programme.events';

/** The key under which training at an unreported centre is counted. */
export const UNREPORTED_CENTRE = '';

/** The figures a report may leave unknown; a total that includes an unknown count is itself unknown. */
export const UNREPORTABLE_MEASURES = ['deserters', 'screenedUnfit', 'referredToReinsertion', 'inTraining'] as const;
export type UnreportableMeasure = (typeof UNREPORTABLE_MEASURES)[number];

export interface Tranche {
  id: string;
  registeredOn: CalendarDate;
  registered: number;
  deserters: number;
  screenedFit: number;
  screenedUnfit: number;
  referredToReinsertion: number;
  weaponsHandedOver: number;
  /** In training now, per centre. */
  inTraining: Record<string, number>;
  /** Completed training, per centre. */
  trained: Record<string, number>;
  integrated: number;
  /** Redeployed, per region. */
  redeployed: Record<string, number>;
  /** The figures that rest on a count nobody reported: their numbers above hold only what was reported. */
  unreported: UnreportableMeasure[];
  /** Each stage's reported categories (by movement, region, rank, centre); the trained by centre are `trained`. */
  breakdowns: StageBreakdowns;
}

export interface TrainingCentre {
  region: string;
  source: Source;
}

export interface Programme {
  code: string;
  title: string;
  leadBody: Body;
  /** Who supported the launch (ADDR-I: MINUSMA). */
  supportedBy: Body[];
  target: number;
  targetDeserters: number;
  launchedOn: CalendarDate;
  /** The launch's source: how exactly `launchedOn` is known. */
  source: Source;
  eligibleCandidates: number | null;
  /** The centres where it trains, by name. */
  trainingCentres: Record<string, TrainingCentre>;
  tranches: Record<string, Tranche>;
}

export type ProgrammeState = Programme | null;

export const sum = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);
const add = (counts: Record<string, number>, key: string, n: number) => ({ ...counts, [key]: (counts[key] ?? 0) + n });
const unknown = (tranche: Tranche, ...measures: UnreportableMeasure[]): UnreportableMeasure[] => [...new Set([...tranche.unreported, ...measures])].sort();

/** Programme-wide totals, the figures the brief reports (e.g. 1,006 of 1,840 trained and integrated), and which rest on unknowns. */
export function programmeTotals(programme: Programme) {
  const tranches = Object.values(programme.tranches);
  const total = (pick: (t: Tranche) => number) => tranches.reduce((n, t) => n + pick(t), 0);
  return {
    registered: total((t) => t.registered),
    deserters: total((t) => t.deserters),
    screenedFit: total((t) => t.screenedFit),
    screenedUnfit: total((t) => t.screenedUnfit),
    referredToReinsertion: total((t) => t.referredToReinsertion),
    weaponsHandedOver: total((t) => t.weaponsHandedOver),
    inTraining: total((t) => sum(t.inTraining)),
    trained: total((t) => sum(t.trained)),
    integrated: total((t) => t.integrated),
    redeployed: total((t) => sum(t.redeployed)),
    unreported: UNREPORTABLE_MEASURES.filter((m) => tranches.some((t) => t.unreported.includes(m))).sort(),
  };
}

const newTranche = (id: string, on: CalendarDate): Tranche => ({
  id,
  registeredOn: on,
  registered: 0,
  deserters: 0,
  screenedFit: 0,
  screenedUnfit: 0,
  referredToReinsertion: 0,
  weaponsHandedOver: 0,
  inTraining: {},
  trained: {},
  integrated: 0,
  redeployed: {},
  unreported: [],
  breakdowns: {},
});

/** A tranche's figures by stage and category, for the invariants per category and for its breakdown. */
export function splitOf(tranche: Tranche): SplitFigures {
  const totals: Record<Stage, number> = {
    registered: tranche.registered,
    screenedFit: tranche.screenedFit,
    trained: sum(tranche.trained),
    integrated: tranche.integrated,
    redeployed: sum(tranche.redeployed),
  };
  const trainedAt = Object.fromEntries(Object.entries(tranche.trained).filter(([centre]) => centre !== UNREPORTED_CENTRE));
  return {
    total: (stage) => totals[stage],
    categories: (stage, by) => (stage === 'trained' && by === 'CENTRE' ? trainedAt : (tranche.breakdowns[stage]?.[by] ?? {})),
  };
}

export function evolveProgramme(state: ProgrammeState, event: ProgrammeEvent): ProgrammeState {
  if (event.type === 'ProgrammeLaunched') {
    const { programme, title, leadBody, supportedBy, target, targetDeserters, effectiveDate, source } = event.data;
    return {
      code: programme,
      title,
      leadBody,
      supportedBy,
      target,
      targetDeserters,
      launchedOn: effectiveDate,
      source,
      eligibleCandidates: null,
      trainingCentres: {},
      tranches: {},
    };
  }
  if (!state) return state;
  if (event.type === 'EligibleCandidatesAnnounced') return { ...state, eligibleCandidates: event.data.count };
  if (event.type === 'TrainingCentreDesignated') {
    const { centre, region, source } = event.data;
    return { ...state, trainingCentres: { ...state.trainingCentres, [centre]: { region, source } } };
  }
  const { tranche: id, effectiveDate } = event.data;
  const tranche = state.tranches[id] ?? newTranche(id, effectiveDate);
  const updated = ((): Tranche => {
    switch (event.type) {
      case 'TrancheRegistered': {
        const { count, deserters } = event.data;
        const unreported = deserters === null ? unknown(tranche, 'deserters') : tranche.unreported;
        return { ...tranche, registered: tranche.registered + count, deserters: tranche.deserters + (deserters ?? 0), unreported };
      }
      case 'TrancheScreened': {
        const { fit, unfit } = event.data;
        const unreported = unfit === null ? unknown(tranche, 'screenedUnfit', 'referredToReinsertion') : tranche.unreported;
        return { ...tranche, screenedFit: tranche.screenedFit + fit, screenedUnfit: tranche.screenedUnfit + (unfit ?? 0), unreported };
      }
      case 'UnfitReferredToReinsertion':
        return { ...tranche, referredToReinsertion: tranche.referredToReinsertion + event.data.count };
      case 'WeaponsHandedOver':
        return { ...tranche, weaponsHandedOver: tranche.weaponsHandedOver + event.data.weapons };
      case 'TrainingStarted': {
        const { centre, count } = event.data;
        const unreported = count === null ? unknown(tranche, 'inTraining') : tranche.unreported;
        return { ...tranche, inTraining: add(tranche.inTraining, centre ?? UNREPORTED_CENTRE, count ?? 0), unreported };
      }
      case 'TrainingCompleted': {
        const centre = event.data.centre ?? UNREPORTED_CENTRE;
        return {
          ...tranche,
          inTraining: add(tranche.inTraining, centre, -event.data.count),
          trained: add(tranche.trained, centre, event.data.count),
        };
      }
      case 'TrancheIntegrated':
        return { ...tranche, integrated: tranche.integrated + event.data.count };
      case 'TrancheRedeployed':
        return { ...tranche, redeployed: add(tranche.redeployed, event.data.region, event.data.count) };
      default:
        return assertNever(event);
    }
  })();
  const stage = STAGE_OF[event.type];
  const split =
    stage && 'breakdown' in event.data
      ? { ...updated, breakdowns: { ...updated.breakdowns, [stage]: addBreakdown(updated.breakdowns[stage], event.data.breakdown) } }
      : updated;
  return { ...state, tranches: { ...state.tranches, [id]: split } };
}

/** The stage each split act counts. */
const STAGE_OF: Partial<Record<ProgrammeEvent['type'], Stage>> = {
  TrancheRegistered: 'registered',
  TrancheScreened: 'screenedFit',
  TrainingCompleted: 'trained',
  TrancheIntegrated: 'integrated',
  TrancheRedeployed: 'redeployed',
};
