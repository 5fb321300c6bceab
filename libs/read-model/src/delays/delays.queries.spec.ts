import { instrumentStream } from '@ddr/coordination';
import { seededRandom } from '@ddr/history-generator';
import { addDays, daysBetween, monthAfter } from '@ddr/kernel';
import { generatedReadModel } from '../testing/generated-read-model';
import { streamVisible } from '../visibility/visible';
import { EVERYTHING, type Viewer } from '../visibility/viewer';
import { delaysTable } from './delays.queries';

/** The steps a viewer may read decided in the period, one by one: what the counted months must agree with. */
const DECIDED = (viewer: Viewer) => `SELECT body, handed_over_by AS handedOverBy, since, ended_on AS endedOn FROM step_waits
  WHERE outcome IS NOT NULL AND ended_on BETWEEN @from AND @to AND ${streamVisible(viewer, `'${instrumentStream('')}' || instrument_id`)}`;

/** Per hand-off: how many were decided, and the median, 90th percentile (nearest rank) and longest of their waits. */
function expectedHandOffs(rows: Array<{ body: string; handedOverBy: string; since: string; endedOn: string }>) {
  const byHandOff = new Map<string, number[]>();
  for (const row of rows) {
    const key = `${row.handedOverBy}>${row.body}`;
    (byHandOff.get(key) ?? byHandOff.set(key, []).get(key)!).push(daysBetween(row.since, row.endedOn));
  }
  return [...byHandOff.entries()]
    .map(([key, days]) => {
      days.sort((a, b) => a - b);
      const middle = days.length / 2;
      const median = days.length % 2 ? days[Math.floor(middle)] : (days[middle - 1] + days[middle]) / 2;
      return { key, decided: days.length, medianDays: median, p90Days: days[Math.ceil(days.length * 0.9) - 1], longestDays: days.at(-1) };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}

describe('the delays table of a period', () => {
  it('counts the steps decided as their one-by-one reading does, over a day, a month, a year or years, for any viewer', async () => {
    const db = await generatedReadModel(2018, 1_500, true);
    const ends = db.prepare<[], { endedOn: string }>('SELECT ended_on AS endedOn FROM step_waits WHERE outcome IS NOT NULL').all();
    const rnd = seededRandom(3);
    let compared = 0;
    for (const viewer of [EVERYTHING, { body: 'CTS', everything: false } as Viewer]) {
      const decided = db.prepare<[{ from: string; to: string }], { body: string; handedOverBy: string; since: string; endedOn: string }>(DECIDED(viewer));
      for (let i = 0; i < 120; i++) {
        // Periods of a day to years, their ends anywhere in a month, on its first day or on its last.
        const end = rnd.pick(ends).endedOn;
        const start = addDays(end, -[0, 3, 20, 40, 365, 1_500][i % 6]);
        const from = i % 3 === 1 ? `${start.slice(0, 7)}-01` : start;
        const to = i % 4 === 1 ? addDays(monthAfter(end), -1) : end;
        const expected = expectedHandOffs(decided.all({ from, to }));
        const actual = delaysTable(db, viewer, from, to)
          .handOffs.filter((h) => h.decided > 0)
          .map(({ from: by, to: body, decided: n, medianDays, p90Days, longestDays }) => ({
            key: `${by}>${body}`,
            decided: n,
            medianDays,
            p90Days,
            longestDays,
          }))
          .sort((a, b) => a.key.localeCompare(b.key));
        expect(actual).toEqual(expected);
        compared += expected.reduce((n, h) => n + h.decided, 0);
      }
    }
    expect(compared).toBeGreaterThan(2_000);
    db.close();
  });
});
