import { seededRandom } from '@ddr/history-generator';
import { addDays, daysBetween, monthsFrom } from '@ddr/kernel';
import type { InstrumentView } from '../instruments/instrument-view';
import { generatedReadModel } from '../testing/generated-read-model';
import { WAITS_OPEN_ON, type DecidedWaits } from './waits.projection';

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

  it("written only where they changed, are still exactly each instrument's waits, their months and their counts", async () => {
    const db = await generatedReadModel(2017, 1_500);
    const stored = db
      .prepare<
        [],
        {
          instrument_id: string;
          n: number;
          step: number;
          body: string;
          action: string;
          handed_over_by: string;
          since: string;
          ended_on: string | null;
          outcome: string | null;
          due_date: string | null;
          waited_days: number | null;
        }
      >('SELECT * FROM step_waits ORDER BY instrument_id, n')
      .all();
    // What writing every instrument's waits whole, from its view as it now stands, would store.
    const views = db.prepare<[], { id: string; view: string }>('SELECT id, view FROM instruments ORDER BY id').all();
    const whole = views.flatMap(({ id, view }) =>
      (JSON.parse(view) as InstrumentView).waits.map((w, n) => ({
        instrument_id: id,
        n,
        step: w.step,
        body: w.body,
        action: w.action,
        handed_over_by: w.handedOverBy,
        since: w.since,
        ended_on: w.endedOn,
        outcome: w.outcome,
        due_date: w.dueDate,
        waited_days: w.endedOn === null ? null : daysBetween(w.since, w.endedOn),
      })),
    );
    expect(stored).toEqual(whole);
    // Late acts and corrections moved or cut short waits already stored: the rows that changed were rewritten, not added.
    expect(whole.filter((w) => w.ended_on !== null && w.outcome === null).length).toBeGreaterThan(0);

    const months = db.prepare<[], { key: string }>("SELECT instrument_id || '#' || n || '#' || month AS key FROM step_wait_months ORDER BY 1").all();
    const spanned = whole.flatMap((w) => (w.ended_on === null ? [] : monthsFrom(w.since, w.ended_on).map((month) => `${w.instrument_id}#${w.n}#${month}`)));
    expect(months.map((m) => m.key)).toEqual(spanned.sort());

    const counted = new Map<string, number>();
    for (const w of whole.filter((w) => w.outcome !== null)) {
      const key = `${w.ended_on!.slice(0, 7)} ${w.body} ${w.handed_over_by} ${w.waited_days}`;
      counted.set(key, (counted.get(key) ?? 0) + 1);
    }
    const kept = new Map<string, number>();
    for (const row of db.prepare<[], { month: string; body: string; waits: string }>('SELECT * FROM decided_months').all())
      for (const [by, flat] of Object.entries(JSON.parse(row.waits) as DecidedWaits))
        for (let i = 0; i < flat.length; i += 2) kept.set(`${row.month} ${row.body} ${by} ${flat[i]}`, flat[i + 1]);
    expect(kept).toEqual(counted);
    db.close();
  });
});
