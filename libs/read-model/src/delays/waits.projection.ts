import { instrumentStream } from '@ddr/coordination';
import type { InstrumentView } from '../instruments/instrument-view';
import type { Projection } from '../projection';
import { statement } from '../statements';

/**
 * Every wait of every pathway step as a row, for the body queues as of a date and the delays table.
 * It reads the instrument's view just written by the instruments projection (listed before it) and
 * writes the instrument's handful of waits again whole, so a late act or a correction moves them too.
 */
export const waitsProjection: Projection = {
  name: 'waits',
  streams: [instrumentStream('')],
  schema: `
    CREATE TABLE IF NOT EXISTS step_waits (
      instrument_id TEXT NOT NULL, n INTEGER NOT NULL, step INTEGER NOT NULL, body TEXT NOT NULL, action TEXT NOT NULL,
      handed_over_by TEXT NOT NULL, since TEXT NOT NULL, ended_on TEXT, outcome TEXT, due_date TEXT, PRIMARY KEY (instrument_id, n));
    -- The waits still open: what a body's queue and the delays table read for a date, with the months below.
    CREATE INDEX IF NOT EXISTS step_waits_still_open ON step_waits (body, since, instrument_id, handed_over_by) WHERE ended_on IS NULL;
    -- Covering for the steps decided in a period, which the delays table reads whole.
    CREATE INDEX IF NOT EXISTS step_waits_decided ON step_waits (ended_on, outcome, body, handed_over_by, since, instrument_id);
    -- Each ended wait once for every month it was open in: the waits open on a date are found among those of its month,
    -- not among every wait begun before it (a history of years has hundreds of thousands).
    CREATE TABLE IF NOT EXISTS step_wait_months (
      month TEXT NOT NULL, body TEXT NOT NULL, since TEXT NOT NULL, instrument_id TEXT NOT NULL, n INTEGER NOT NULL,
      handed_over_by TEXT NOT NULL, ended_on TEXT NOT NULL, PRIMARY KEY (month, body, since, instrument_id, n)) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS step_wait_months_by_instrument ON step_wait_months (instrument_id);
  `,
  apply(db, event) {
    const id = event.data.instrumentId as string;
    const row = statement<[string], { view: string }>(db, 'SELECT view FROM instruments WHERE id = ?').get(id);
    if (!row) return;
    const view = JSON.parse(row.view) as InstrumentView;
    statement(db, 'DELETE FROM step_waits WHERE instrument_id = ?').run(id);
    statement(db, 'DELETE FROM step_wait_months WHERE instrument_id = ?').run(id);
    view.waits.forEach((wait, n) => {
      statement(
        db,
        `INSERT INTO step_waits (instrument_id, n, step, body, action, handed_over_by, since, ended_on, outcome, due_date)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, n, wait.step, wait.body, wait.action, wait.handedOverBy, wait.since, wait.endedOn, wait.outcome, wait.dueDate);
      if (wait.endedOn === null) return;
      for (const month of monthsFrom(wait.since, wait.endedOn))
        statement(db, 'INSERT INTO step_wait_months (month, body, since, instrument_id, n, handed_over_by, ended_on) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
          month,
          wait.body,
          wait.since,
          id,
          n,
          wait.handedOverBy,
          wait.endedOn,
        );
    });
  },
};

/** The months from the one holding `from` to the one holding `to`, as YYYY-MM. */
export function monthsFrom(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  for (let text = from.slice(0, 7); text <= to.slice(0, 7); text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`) {
    months.push(text);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return months;
}

/**
 * The waits open on `@on` (begun by then, not ended by then) as a table expression: those that ended later are
 * found in the month of `@on`, those still open among the few open now. Columns as in `step_waits`.
 */
export const WAITS_OPEN_ON = `(SELECT body, since, instrument_id, n, handed_over_by, ended_on FROM step_wait_months
    WHERE month = substr(@on, 1, 7) AND since <= @on AND ended_on > @on
  UNION ALL SELECT body, since, instrument_id, n, handed_over_by, NULL FROM step_waits WHERE ended_on IS NULL AND since <= @on)`;
