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
    CREATE INDEX IF NOT EXISTS step_waits_by_body ON step_waits (body, since, instrument_id);
    -- Covering for the waits open on a date, which the delays table counts by hand-off (a long backlog is many rows).
    CREATE INDEX IF NOT EXISTS step_waits_open ON step_waits (since, body, handed_over_by, ended_on, instrument_id);
    -- Replaced by step_waits_open in read models built before it: one index fewer to write.
    DROP INDEX IF EXISTS step_waits_by_since;
    CREATE INDEX IF NOT EXISTS step_waits_by_end ON step_waits (ended_on);
  `,
  apply(db, event) {
    const id = event.data.instrumentId as string;
    const row = statement<[string], { view: string }>(db, 'SELECT view FROM instruments WHERE id = ?').get(id);
    if (!row) return;
    const view = JSON.parse(row.view) as InstrumentView;
    statement(db, 'DELETE FROM step_waits WHERE instrument_id = ?').run(id);
    view.waits.forEach((wait, n) =>
      statement(
        db,
        `INSERT INTO step_waits (instrument_id, n, step, body, action, handed_over_by, since, ended_on, outcome, due_date)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, n, wait.step, wait.body, wait.action, wait.handedOverBy, wait.since, wait.endedOn, wait.outcome, wait.dueDate),
    );
  },
};
