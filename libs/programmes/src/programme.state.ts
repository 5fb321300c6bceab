import { assertNever, type Body, type CalendarDate } from '@ddr/kernel';
import type { ProgrammeEvent } from './programme.events';

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
}

export interface Programme {
  code: string;
  title: string;
  leadBody: Body;
  target: number;
  targetDeserters: number;
  launchedOn: CalendarDate;
  eligibleCandidates: number | null;
  tranches: Record<string, Tranche>;
}

export type ProgrammeState = Programme | null;

export const sum = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);
const add = (counts: Record<string, number>, key: string, n: number) => ({ ...counts, [key]: (counts[key] ?? 0) + n });

/** Programme-wide totals, the figures the brief reports (e.g. 1,006 of 1,840 trained and integrated). */
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
});

export function evolveProgramme(state: ProgrammeState, event: ProgrammeEvent): ProgrammeState {
  if (event.type === 'ProgrammeLaunched') {
    const { programme, title, leadBody, target, targetDeserters, effectiveDate } = event.data;
    return { code: programme, title, leadBody, target, targetDeserters, launchedOn: effectiveDate, eligibleCandidates: null, tranches: {} };
  }
  if (!state) return state;
  if (event.type === 'EligibleCandidatesAnnounced') return { ...state, eligibleCandidates: event.data.count };
  const { tranche: id, effectiveDate } = event.data;
  const tranche = state.tranches[id] ?? newTranche(id, effectiveDate);
  const updated = ((): Tranche => {
    switch (event.type) {
      case 'TrancheRegistered':
        return { ...tranche, registered: tranche.registered + event.data.count, deserters: tranche.deserters + event.data.deserters };
      case 'TrancheScreened':
        return { ...tranche, screenedFit: tranche.screenedFit + event.data.fit, screenedUnfit: tranche.screenedUnfit + event.data.unfit };
      case 'UnfitReferredToReinsertion':
        return { ...tranche, referredToReinsertion: tranche.referredToReinsertion + event.data.count };
      case 'WeaponsHandedOver':
        return { ...tranche, weaponsHandedOver: tranche.weaponsHandedOver + event.data.weapons };
      case 'TrainingStarted':
        return { ...tranche, inTraining: add(tranche.inTraining, event.data.centre, event.data.count) };
      case 'TrainingCompleted':
        return {
          ...tranche,
          inTraining: add(tranche.inTraining, event.data.centre, -event.data.count),
          trained: add(tranche.trained, event.data.centre, event.data.count),
        };
      case 'TrancheIntegrated':
        return { ...tranche, integrated: tranche.integrated + event.data.count };
      case 'TrancheRedeployed':
        return { ...tranche, redeployed: add(tranche.redeployed, event.data.region, event.data.count) };
      default:
        return assertNever(event);
    }
  })();
  return { ...state, tranches: { ...state.tranches, [id]: updated } };
}
