import { chartDates, MAX_POINTS } from './chart-dates';

describe("the programme chart's dates", () => {
  const reports = ['2018-11-06', '2019-01-20', '2019-01-20', '2019-10-09'].map((effectiveDate) => ({ effectiveDate }));

  it("run from the first report to the last, not to today: the axis is the data's", () => {
    expect(chartDates(reports, '2026-11-30')).toEqual(['2018-11-06', '2019-01-20', '2019-10-09']);
  });

  it('stop at the day read, leaving out later reports', () => {
    expect(chartDates(reports, '2019-06-30')).toEqual(['2018-11-06', '2019-01-20']);
  });

  it('are the day read alone when nothing was reported by then, and the last ones when many', () => {
    expect(chartDates(reports, '2018-01-01')).toEqual(['2018-01-01']);
    const many = Array.from({ length: 20 }, (_, i) => ({ effectiveDate: `2019-01-${String(i + 1).padStart(2, '0')}` }));
    expect(chartDates(many, '2026-11-30')).toEqual(many.slice(-MAX_POINTS).map((report) => report.effectiveDate));
  });
});
