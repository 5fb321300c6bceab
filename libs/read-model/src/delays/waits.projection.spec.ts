import { seededRandom } from '@ddr/history-generator';
import { addDays, monthsFrom } from '@ddr/kernel';
import { generatedReadModel } from '../testing/generated-read-model';
import { WAITS_OPEN_ON } from './waits.projection';

describe('the waits open on a date', () => {
  it('are counted in every month a wait spans, across a new year', () => {
    expect(monthsFrom('2019-11-30', '2020-02-01')).toEqual(['2019-11', '2019-12', '2020-01', '2020-02']);
    expect(monthsFrom('2019-09-25', '2019-09-25')).toEqual(['2019-09']);
  });

  it('found by month are exactly those begun by the date and not ended by it, returns and corrections included', async () => {
    const db = await generatedReadModel(2016, 1_500);
    const waits = db.prepare<[], { since: string; ended_on: string | null }>('SELECT since, ended_on FROM step_waits').all();
    expect(waits.filter((w) => w.ended_on !== null && w.ended_on.slice(0, 7) > w.since.slice(0, 7)).length).toBeGreaterThan(50);
    expect(waits.filter((w) => w.ended_on === null).length).toBeGreaterThan(10);

    const naive = db.prepare<[{ on: string }], { key: string }>(
      `SELECT instrument_id || '#' || n AS key FROM step_waits WHERE since <= @on AND (ended_on IS NULL OR ended_on > @on) ORDER BY 1`,
    );
    const byMonth = db.prepare<[{ on: string }], { key: string }>(`SELECT instrument_id || '#' || n AS key FROM ${WAITS_OPEN_ON} ORDER BY 1`);
    const rnd = seededRandom(7);
    let open = 0;
    // The dates that matter most: a wait's first and last day, the days either side, and the first of a month.
    for (let i = 0; i < 300; i++) {
      const wait = rnd.pick(waits);
      const day = rnd.pick([wait.since, wait.ended_on ?? wait.since]);
      for (const on of [addDays(day, -1), day, addDays(day, 1), `${day.slice(0, 7)}-01`]) {
        const expected = naive.all({ on }).map((row) => row.key);
        expect(byMonth.all({ on }).map((row) => row.key)).toEqual(expected);
        open += expected.length;
      }
    }
    expect(open).toBeGreaterThan(1_000);
    db.close();
  });
});
