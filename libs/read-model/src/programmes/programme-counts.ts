import { UNREPORTED_CENTRE, type ProgrammeEvent, type UnreportableMeasure } from '@ddr/programmes';

const UNREPORTED = 'unreported';

/**
 * One signed change of one figure: `trained` at `Tiby` +500. Figures are sums of their changes. A count nobody
 * reported is a change of the `unreported` measure keyed by the figure it leaves unknown: no table changes shape.
 */
export interface CountChange {
  measure: string;
  key: string;
  delta: number;
}

/** The figure changes an event makes; the totals at any date are the sums of changes up to it. */
export function countChanges(event: ProgrammeEvent, eligibleBefore: number | null): CountChange[] {
  const one = (measure: string, delta: number, key = ''): CountChange => ({ measure, key, delta });
  const reported = (measure: UnreportableMeasure, count: number | null, key = ''): CountChange[] =>
    count === null ? [one(UNREPORTED, 1, measure)] : [one(measure, count, key)];
  switch (event.type) {
    case 'ProgrammeLaunched':
      return [one('target', event.data.target), one('targetDeserters', event.data.targetDeserters)];
    case 'EligibleCandidatesAnnounced':
      return [one('eligibleCandidates', event.data.count - (eligibleBefore ?? 0))];
    case 'TrainingCentreDesignated':
      return [];
    case 'TrancheRegistered':
      return [one('registered', event.data.count), ...reported('deserters', event.data.deserters)];
    case 'TrancheScreened':
      return [
        one('screenedFit', event.data.fit),
        ...reported('screenedUnfit', event.data.unfit),
        ...(event.data.unfit === null ? reported('referredToReinsertion', null) : []),
      ];
    case 'UnfitReferredToReinsertion':
      return [one('referredToReinsertion', event.data.count)];
    case 'WeaponsHandedOver':
      return [one('weaponsHandedOver', event.data.weapons)];
    case 'TrainingStarted':
      return reported('inTraining', event.data.count, event.data.centre ?? UNREPORTED_CENTRE);
    case 'TrainingCompleted': {
      const centre = event.data.centre ?? UNREPORTED_CENTRE;
      return [one('inTraining', -event.data.count, centre), one('trained', event.data.count, centre)];
    }
    case 'TrancheIntegrated':
      return [one('integrated', event.data.count)];
    case 'TrancheRedeployed':
      return [one('redeployed', event.data.count, event.data.region)];
  }
}

/**
 * Programme figures: totals, the keyed ones per training centre (those reported with their centre) and per region,
 * and the figures whose totals rest on a count nobody reported: their totals hold only what was reported.
 */
export interface ProgrammeFigures {
  totals: Record<string, number>;
  byCentre: Record<string, { inTraining: number; trained: number }>;
  byRegion: Record<string, number>;
  unreported: string[];
}

export function figuresOf(rows: Iterable<{ measure: string; key: string; value: number }>): ProgrammeFigures {
  const figures: ProgrammeFigures = { totals: {}, byCentre: {}, byRegion: {}, unreported: [] };
  for (const { measure, key, value } of rows) {
    if (measure === UNREPORTED) {
      if (value > 0) figures.unreported.push(key);
      continue;
    }
    figures.totals[measure] = (figures.totals[measure] ?? 0) + value;
    if ((measure === 'inTraining' || measure === 'trained') && key !== UNREPORTED_CENTRE) {
      const centre = (figures.byCentre[key] ??= { inTraining: 0, trained: 0 });
      centre[measure] += value;
    }
    if (measure === 'redeployed') figures.byRegion[key] = (figures.byRegion[key] ?? 0) + value;
  }
  figures.unreported.sort();
  return figures;
}
