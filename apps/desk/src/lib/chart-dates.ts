/** The GraphQL alias limit is 15: the chart reads at most this many dates in one request. */
export const MAX_POINTS = 14;

/**
 * The dates the chart reads the figures at: each report's date up to the day read (the last ones if many).
 * The day read itself only when nothing was reported by then: after the last report the figures stand
 * still, and a point on today (2026) would squeeze the 2018-2019 reports into the axis's first tenth.
 */
export function chartDates(reports: ReadonlyArray<{ effectiveDate: string }>, on: string): string[] {
  const dates = [...new Set(reports.map((report) => report.effectiveDate).filter((at) => at <= on))].sort();
  return (dates.length ? dates : [on]).slice(-MAX_POINTS);
}
