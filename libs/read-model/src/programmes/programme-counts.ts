import {
  UNREPORTED_CENTRE,
  type Breakdown,
  type BreakdownDimension,
  type ProgrammeEvent,
  stageBreakdowns,
  type SplitFigures,
  type Stage,
  type StageBreakdown,
  type UnreportableMeasure,
} from '@ddr/programmes';

const UNREPORTED = 'unreported';
/** A breakdown's count is a change of the measure `by:<dimension>:<stage>`, keyed by its category. */
const SPLIT = 'by:';

function splitChanges(stage: Stage, breakdown: Breakdown): CountChange[] {
  return Object.entries(breakdown).flatMap(([by, categories]) =>
    Object.entries(categories).map(([key, delta]) => ({ measure: `${SPLIT}${by}:${stage}`, key, delta })),
  );
}

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
      return [one('registered', event.data.count), ...reported('deserters', event.data.deserters), ...splitChanges('registered', event.data.breakdown)];
    case 'TrancheScreened':
      return [
        one('screenedFit', event.data.fit),
        ...reported('screenedUnfit', event.data.unfit),
        ...(event.data.unfit === null ? reported('referredToReinsertion', null) : []),
        ...splitChanges('screenedFit', event.data.breakdown),
      ];
    case 'UnfitReferredToReinsertion':
      return [one('referredToReinsertion', event.data.count)];
    case 'WeaponsHandedOver':
      return [one('weaponsHandedOver', event.data.weapons)];
    case 'TrainingStarted':
      return reported('inTraining', event.data.count, event.data.centre ?? UNREPORTED_CENTRE);
    case 'TrainingCompleted': {
      const centre = event.data.centre ?? UNREPORTED_CENTRE;
      return [one('inTraining', -event.data.count, centre), one('trained', event.data.count, centre), ...splitChanges('trained', event.data.breakdown)];
    }
    case 'TrancheIntegrated':
      return [one('integrated', event.data.count), ...splitChanges('integrated', event.data.breakdown)];
    case 'TrancheRedeployed':
      return [one('redeployed', event.data.count, event.data.region), ...splitChanges('redeployed', event.data.breakdown)];
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
  /** Reported categories by `<dimension>:<stage>` (`RANK:integrated`); the trained by centre are in `byCentre`. */
  breakdowns: Record<string, Record<string, number>>;
}

export function figuresOf(rows: Iterable<{ measure: string; key: string; value: number }>): ProgrammeFigures {
  const figures: ProgrammeFigures = { totals: {}, byCentre: {}, byRegion: {}, unreported: [], breakdowns: {} };
  for (const { measure, key, value } of rows) {
    if (measure.startsWith(SPLIT)) {
      const categories = (figures.breakdowns[measure.slice(SPLIT.length)] ??= {});
      categories[key] = (categories[key] ?? 0) + value;
      continue;
    }
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

/** A programme's figures as a tranche's are split, for its breakdowns. */
export function splitOfFigures(figures: ProgrammeFigures): SplitFigures {
  const trainedAt = Object.fromEntries(Object.entries(figures.byCentre).map(([centre, { trained }]) => [centre, trained]));
  return {
    total: (stage) => figures.totals[stage] ?? 0,
    categories: (stage, by: BreakdownDimension) => (stage === 'trained' && by === 'CENTRE' ? trainedAt : (figures.breakdowns[`${by}:${stage}`] ?? {})),
  };
}

/** One figure of a programme by category: the integrated by rank, the registered by movement. */
export const figureBreakdown = (figures: ProgrammeFigures, by: BreakdownDimension, stage: Stage): StageBreakdown =>
  stageBreakdowns(splitOfFigures(figures), by).find((breakdown) => breakdown.stage === stage)!;
