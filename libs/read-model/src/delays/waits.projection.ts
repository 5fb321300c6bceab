import { instrumentStream } from '@ddr/coordination';
import { daysBetween, monthsFrom } from '@ddr/kernel';
import type { InstrumentView } from '../instruments/instrument-view';
import type { Projection } from '../projection';
import type { ReadModelDb } from '../read-model-db';
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
      handed_over_by TEXT NOT NULL, since TEXT NOT NULL, ended_on TEXT, outcome TEXT, due_date TEXT, waited_days INTEGER,
      PRIMARY KEY (instrument_id, n));
    -- The waits still open: what a body's queue and the delays table read for a date, with the months below.
    CREATE INDEX IF NOT EXISTS step_waits_still_open ON step_waits (body, since, instrument_id, handed_over_by) WHERE ended_on IS NULL;
    -- Covering for the steps decided in a period, which the delays table counts by hand-off and days waited.
    CREATE INDEX IF NOT EXISTS step_waits_decided ON step_waits (ended_on, outcome, body, handed_over_by, waited_days, instrument_id);
    -- Each ended wait once for every month it was open in: the waits open on a date are found among those of its month,
    -- not among every wait begun before it (a history of years has hundreds of thousands).
    CREATE TABLE IF NOT EXISTS step_wait_months (
      month TEXT NOT NULL, body TEXT NOT NULL, since TEXT NOT NULL, instrument_id TEXT NOT NULL, n INTEGER NOT NULL,
      handed_over_by TEXT NOT NULL, ended_on TEXT NOT NULL, PRIMARY KEY (month, body, since, instrument_id, n)) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS step_wait_months_by_instrument ON step_wait_months (instrument_id);
    -- The steps decided, counted per month of decision, hand-off and days waited: the delays table reads a period's whole
    -- months here and only its first and last month's decisions one by one.
    CREATE TABLE IF NOT EXISTS decided_counts (
      month TEXT NOT NULL, body TEXT NOT NULL, handed_over_by TEXT NOT NULL, waited_days INTEGER NOT NULL, steps INTEGER NOT NULL,
      PRIMARY KEY (month, body, handed_over_by, waited_days)) WITHOUT ROWID;
  `,
  apply(db, event) {
    const id = event.data.instrumentId as string;
    const row = statement<[string], { view: string }>(db, 'SELECT view FROM instruments WHERE id = ?').get(id);
    if (!row) return;
    const view = JSON.parse(row.view) as InstrumentView;
    const decided = statement<[string], DecidedStep>(
      db,
      'SELECT ended_on AS endedOn, body, handed_over_by AS handedOverBy, waited_days AS days FROM step_waits WHERE instrument_id = ? AND outcome IS NOT NULL',
    );
    for (const step of decided.all(id)) count(db, step, -1);
    statement(db, 'DELETE FROM step_waits WHERE instrument_id = ?').run(id);
    statement(db, 'DELETE FROM step_wait_months WHERE instrument_id = ?').run(id);
    view.waits.forEach((wait, n) => {
      statement(
        db,
        `INSERT INTO step_waits (instrument_id, n, step, body, action, handed_over_by, since, ended_on, outcome, due_date, waited_days)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        n,
        wait.step,
        wait.body,
        wait.action,
        wait.handedOverBy,
        wait.since,
        wait.endedOn,
        wait.outcome,
        wait.dueDate,
        wait.endedOn === null ? null : daysBetween(wait.since, wait.endedOn),
      );
      if (wait.endedOn === null) return;
      if (wait.outcome !== null)
        count(db, { endedOn: wait.endedOn, body: wait.body, handedOverBy: wait.handedOverBy, days: daysBetween(wait.since, wait.endedOn) }, 1);
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

interface DecidedStep {
  endedOn: string;
  body: string;
  handedOverBy: string;
  days: number;
}

/** Adds a decided step to its month's count, or takes it away (a count that falls to none is no row, as a rebuild leaves it). */
function count(db: ReadModelDb, step: DecidedStep, by: 1 | -1): void {
  const key = [step.endedOn.slice(0, 7), step.body, step.handedOverBy, step.days];
  statement(
    db,
    `INSERT INTO decided_counts (month, body, handed_over_by, waited_days, steps) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET steps = steps + excluded.steps`,
  ).run(...key, by);
  if (by < 0) statement(db, 'DELETE FROM decided_counts WHERE month = ? AND body = ? AND handed_over_by = ? AND waited_days = ? AND steps = 0').run(...key);
}

/**
 * The waits open on `@on` (begun by then, not ended by then) as a table expression: those that ended later are
 * found in the month of `@on`, those still open among the few open now. Columns as in `step_waits`.
 */
export const WAITS_OPEN_ON = `(SELECT body, since, instrument_id, n, handed_over_by, ended_on FROM step_wait_months
    WHERE month = substr(@on, 1, 7) AND since <= @on AND ended_on > @on
  UNION ALL SELECT body, since, instrument_id, n, handed_over_by, NULL FROM step_waits WHERE ended_on IS NULL AND since <= @on)`;
