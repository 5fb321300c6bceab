import { daysBetween, formatDate, formatNumber } from './format';

describe('dates and numbers, as each language writes them', () => {
  it('writes a calendar date in words, whatever the time zone', () => {
    expect(formatDate('fr', '2019-09-25')).toBe('25 septembre 2019');
    expect(formatDate('en', '2019-09-25')).toBe('25 September 2019');
    expect(formatDate('fr', '2019-10-01')).toBe('1 octobre 2019');
  });

  it('writes a date known only to the month or the year as its source knows it, not as its first day', () => {
    expect(formatDate('fr', '2016-07-01', 'MONTH')).toBe('juillet 2016');
    expect(formatDate('en', '2016-07-01', 'MONTH')).toBe('July 2016');
    expect(formatDate('fr', '2015-01-01', 'YEAR')).toBe('2015');
    expect(formatDate('en', '2015-01-01', 'DAY')).toBe('1 January 2015');
  });

  it('groups thousands with a narrow no-break space in French, a comma in English', () => {
    expect(formatNumber('fr', 1006)).toBe('1\u202f006');
    expect(formatNumber('en', 1006)).toBe('1,006');
    expect(formatNumber('fr', 4900)).toBe('4\u202f900');
  });

  it('counts whole days between two dates', () => {
    expect(daysBetween('2019-09-25', '2019-10-09')).toBe(14);
    expect(daysBetween('2019-12-31', '2020-03-01')).toBe(61);
  });
});
