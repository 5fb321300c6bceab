import type { ProgrammeEvent } from '@ddr/programmes';

/** One signed change of one figure: `trained` at `Tiby` +500. Figures are sums of their changes. */
export interface CountChange {
  measure: string;
  key: string;
  delta: number;
}

/** The figure changes an event makes; the totals at any date are the sums of changes up to it. */
export function countChanges(event: ProgrammeEvent, eligibleBefore: number | null): CountChange[] {
  const one = (measure: string, delta: number, key = ''): CountChange => ({ measure, key, delta });
  switch (event.type) {
    case 'ProgrammeLaunched':
      return [one('target', event.data.target), one('targetDeserters', event.data.targetDeserters)];
    case 'EligibleCandidatesAnnounced':
      return [one('eligibleCandidates', event.data.count - (eligibleBefore ?? 0))];
    case 'TrancheRegistered':
      return [one('registered', event.data.count), one('deserters', event.data.deserters)];
    case 'TrancheScreened':
      return [one('screenedFit', event.data.fit), one('screenedUnfit', event.data.unfit)];
    case 'UnfitReferredToReinsertion':
      return [one('referredToReinsertion', event.data.count)];
    case 'WeaponsHandedOver':
      return [one('weaponsHandedOver', event.data.weapons)];
    case 'TrainingStarted':
      return [one('inTraining', event.data.count, event.data.centre)];
    case 'TrainingCompleted':
      return [one('inTraining', -event.data.count, event.data.centre), one('trained', event.data.count, event.data.centre)];
    case 'TrancheIntegrated':
      return [one('integrated', event.data.count)];
    case 'TrancheRedeployed':
      return [one('redeployed', event.data.count, event.data.region)];
  }
}

/** Programme figures: totals, and the keyed ones per training centre and per region. */
export interface ProgrammeFigures {
  totals: Record<string, number>;
  byCentre: Record<string, { inTraining: number; trained: number }>;
  byRegion: Record<string, number>;
}

export function figuresOf(rows: Iterable<{ measure: string; key: string; value: number }>): ProgrammeFigures {
  const figures: ProgrammeFigures = { totals: {}, byCentre: {}, byRegion: {} };
  for (const { measure, key, value } of rows) {
    figures.totals[measure] = (figures.totals[measure] ?? 0) + value;
    if (measure === 'inTraining' || measure === 'trained') {
      const centre = (figures.byCentre[key] ??= { inTraining: 0, trained: 0 });
      centre[measure] += value;
    }
    if (measure === 'redeployed') figures.byRegion[key] = (figures.byRegion[key] ?? 0) + value;
  }
  return figures;
}
