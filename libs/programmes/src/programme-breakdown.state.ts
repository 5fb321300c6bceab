/**
 * Who the figures are: a count split by armed movement, region, rank or training centre. A breakdown need not be
 * whole: what its categories leave of the count is unreported, never a category of its own and never zero.
 */
export const BREAKDOWN_DIMENSIONS = ['MOVEMENT', 'REGION', 'RANK', 'CENTRE'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

/** The Agreement's signatory movements (CMA, Platform), the 2012 deserters from the armed forces, and anyone else. */
export const MOVEMENTS = ['CMA', 'PLATFORM', 'EX_ARMY_DESERTERS', 'OTHER'] as const;
export const RANKS = ['OFFICERS', 'NCOS', 'RANK_AND_FILE'] as const;

/** One category's count, as a secretariat reports it: `{ by: RANK, category: OFFICERS, count: 66 }`. */
export interface CategoryCount {
  by: BreakdownDimension;
  category: string;
  count: number;
}

/** Counts per category, per dimension: `{ RANK: { OFFICERS: 66, NCOS: 221, RANK_AND_FILE: 719 } }`; a dimension absent was not reported. */
export type Breakdown = Partial<Record<BreakdownDimension, Record<string, number>>>;

/** The figures that may be broken down, each a part of the one before it: the trained were screened fit, who were registered. */
export const STAGES = ['registered', 'screenedFit', 'trained', 'integrated', 'redeployed'] as const;
export type Stage = (typeof STAGES)[number];

export type StageBreakdowns = Partial<Record<Stage, Breakdown>>;

/** How a tranche's figures split, given each stage's total and its reported categories (trained by centre included). */
export interface SplitFigures {
  total(stage: Stage): number;
  categories(stage: Stage, by: BreakdownDimension): Record<string, number>;
}

const sumOf = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** What is known of a category at a stage: its own count, plus what the stage left unattributed in that dimension. */
function atMost(figures: SplitFigures, stage: Stage, by: BreakdownDimension, category: string): number {
  const categories = figures.categories(stage, by);
  return (categories[category] ?? 0) + figures.total(stage) - sumOf(categories);
}

/**
 * The invariants per category, as the totals' invariants hold per tranche: categories never sum to more than their
 * stage, and no category of a stage exceeds what an earlier stage can hold of it (no more officers integrated than
 * officers trained, unless some of the trained were never broken down by rank).
 */
export function breakdownProblem(figures: SplitFigures, tranche: string): string | undefined {
  for (const [i, stage] of STAGES.entries()) {
    for (const by of BREAKDOWN_DIMENSIONS) {
      const categories = figures.categories(stage, by);
      if (sumOf(categories) > figures.total(stage)) {
        return `the ${by} breakdown of ${stage} sums to ${sumOf(categories)}, more than the ${figures.total(stage)} ${stage} in ${tranche}`;
      }
      for (const [category, count] of Object.entries(categories)) {
        for (const earlier of STAGES.slice(0, i)) {
          const room = atMost(figures, earlier, by, category);
          if (count > room) return `${count} ${stage} ${category} exceed the ${room} ${earlier} who could be ${category} in ${tranche}`;
        }
      }
    }
  }
  return undefined;
}

/** Adds one act's breakdown to what its stage had. */
export function addBreakdown(before: Breakdown = {}, added: Breakdown): Breakdown {
  const after: Breakdown = { ...before };
  for (const [by, categories] of Object.entries(added) as Array<[BreakdownDimension, Record<string, number>]>) {
    const merged = { ...after[by] };
    for (const [category, count] of Object.entries(categories)) merged[category] = (merged[category] ?? 0) + count;
    after[by] = merged;
  }
  return after;
}

/**
 * A reported breakdown checked on its own and made a `Breakdown`: known dimensions and categories, each once, whole
 * counts, no dimension summing to more than the act's count. `centres` are the programme's designated centres.
 */
export function breakdownOf(
  reported: readonly CategoryCount[],
  count: number,
  allowed: readonly BreakdownDimension[],
  centres: readonly string[],
): Breakdown | string {
  const known: Record<BreakdownDimension, (category: string) => boolean> = {
    MOVEMENT: (c) => (MOVEMENTS as readonly string[]).includes(c),
    RANK: (c) => (RANKS as readonly string[]).includes(c),
    CENTRE: (c) => centres.includes(c),
    REGION: (c) => c.trim() === c && c.length > 0,
  };
  const breakdown: Breakdown = {};
  for (const { by, category, count: n } of reported) {
    if (!allowed.includes(by)) return `this act cannot be broken down by ${by}; it can be by ${allowed.join(', ')}`;
    if (!known[by](category)) return `${category} is not a known ${by} category`;
    if (!Number.isSafeInteger(n) || n < 0) return `the count of ${category} must be a whole number, zero or more`;
    const categories = (breakdown[by] ??= {});
    if (category in categories) return `${category} is given twice in the ${by} breakdown`;
    categories[category] = n;
  }
  for (const [by, categories] of Object.entries(breakdown)) {
    if (sumOf(categories) > count) return `the ${by} breakdown sums to ${sumOf(categories)}, more than the ${count} of the act`;
  }
  return breakdown;
}

/** One stage's breakdown as read: its categories in their usual order, and what they leave of the total, unreported. */
export interface StageBreakdown {
  stage: Stage;
  total: number;
  categories: Array<{ category: string; count: number }>;
  unreported: number;
}

const ORDER: Partial<Record<BreakdownDimension, readonly string[]>> = { MOVEMENT: MOVEMENTS, RANK: RANKS };

/** Every stage's breakdown in one dimension: movements and ranks in their listed order, regions and centres by name. */
export function stageBreakdowns(figures: SplitFigures, by: BreakdownDimension): StageBreakdown[] {
  const order = ORDER[by];
  const rank = (category: string) => order?.indexOf(category) ?? 0;
  return STAGES.map((stage) => {
    const categories = Object.entries(figures.categories(stage, by))
      .map(([category, count]) => ({ category, count }))
      .sort((a, b) => rank(a.category) - rank(b.category) || a.category.localeCompare(b.category));
    const total = figures.total(stage);
    return { stage, total, categories, unreported: total - sumOf(figures.categories(stage, by)) };
  });
}
