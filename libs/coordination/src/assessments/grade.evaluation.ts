/**
 * How a set of items stands on a date, from each item's grade then (null: not yet graded). The mean is taken over
 * the graded items only, so that an ungraded item neither pulls it down as a 0 nor hides: it is counted apart.
 */
export interface Rollup {
  items: number;
  graded: number;
  ungraded: number;
  /** How many items stand at each level, 0 (not started) to 3 (complete). */
  atLevel: [number, number, number, number];
  /** The graded items' mean grade, to two decimals; null when none is graded. */
  meanGrade: number | null;
}

const twoDecimals = (value: number) => Math.round(value * 100) / 100;

export function rollup(grades: ReadonlyArray<number | null>): Rollup {
  const atLevel: Rollup['atLevel'] = [0, 0, 0, 0];
  for (const grade of grades) if (grade !== null) atLevel[grade] += 1;
  return rollupOfCounts(grades.length, atLevel);
}

/** The same from counts: `items` in all, `atLevel` of them graded at each level (a roll-up of tens of thousands is counted in SQL). */
export function rollupOfCounts(items: number, atLevel: Rollup['atLevel']): Rollup {
  const graded = atLevel.reduce((n, count) => n + count, 0);
  const sum = atLevel.reduce((total, count, level) => total + count * level, 0);
  return { items, graded, ungraded: items - graded, atLevel: [...atLevel], meanGrade: graded ? twoDecimals(sum / graded) : null };
}

/** How a grade or mean moved between two dates; null when either is unknown. */
export const gradeChange = (then: number | null, now: number | null): number | null => (then === null || now === null ? null : twoDecimals(now - then));
