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
  let sum = 0;
  let graded = 0;
  for (const grade of grades) {
    if (grade === null) continue;
    atLevel[grade] += 1;
    sum += grade;
    graded += 1;
  }
  return { items: grades.length, graded, ungraded: grades.length - graded, atLevel, meanGrade: graded ? twoDecimals(sum / graded) : null };
}

/** How a grade or mean moved between two dates; null when either is unknown. */
export const gradeChange = (then: number | null, now: number | null): number | null => (then === null || now === null ? null : twoDecimals(now - then));
