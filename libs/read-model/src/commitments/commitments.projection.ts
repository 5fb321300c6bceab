import { commitmentStream, instrumentStream } from '@ddr/coordination';
import { chronicleOfActs } from '../acts/acts.projection';
import { dueAfterAct } from '../instruments/act-deadlines';
import { findInstrument } from '../instruments/instruments.queries';
import type { Projection } from '../projection';
import type { ReadModelDb } from '../read-model-db';
import { statement } from '../statements';
import { commitmentViewFold, type CommitmentView } from './commitment-view';

export const commitmentsProjection: Projection = {
  name: 'commitments',
  // The instruments too (after their own projection): a deadline after an instrument's act moves when that act is recorded or corrected.
  streams: [commitmentStream(''), instrumentStream('')],
  schema: `
    CREATE TABLE IF NOT EXISTS commitments (
      id TEXT PRIMARY KEY, body TEXT NOT NULL, due_date TEXT NOT NULL, made_on TEXT NOT NULL, fulfilled_on TEXT,
      seq INTEGER NOT NULL, state TEXT NOT NULL, due_after_instrument TEXT, theme TEXT);
    -- The grade roll-ups count the items made by a date per theme or body, and read a graded item's, without their states.
    CREATE INDEX IF NOT EXISTS commitments_by_theme ON commitments (theme, made_on);
    CREATE INDEX IF NOT EXISTS commitments_made_by_body ON commitments (body, made_on);
    CREATE INDEX IF NOT EXISTS commitments_as_items ON commitments (id, made_on, theme, body);
    CREATE INDEX IF NOT EXISTS commitments_due_after ON commitments (due_after_instrument) WHERE due_after_instrument IS NOT NULL;
    CREATE INDEX IF NOT EXISTS commitments_by_body ON commitments (body, due_date, id);
    CREATE INDEX IF NOT EXISTS commitments_unfulfilled ON commitments (body, due_date, id) WHERE fulfilled_on IS NULL;
    CREATE INDEX IF NOT EXISTS commitments_by_due_date ON commitments (due_date);
  `,
  apply(db, event) {
    if (event.streamId.startsWith(instrumentStream(''))) {
      const id = event.data.instrumentId as string;
      const rows = statement<[string], { state: string }>(db, 'SELECT state FROM commitments WHERE due_after_instrument = ?').all(id);
      for (const row of rows) write(db, resolved(db, JSON.parse(row.state) as CommitmentView), event.seq);
      return;
    }
    const id = event.data.commitmentId as string;
    // A handful of acts each: folded again, in effective-date order, at every one.
    const next = chronicleOfActs(db, commitmentViewFold, commitmentStream(id)).state;
    if (next) write(db, resolved(db, next), event.seq);
  },
};

function write(db: ReadModelDb, next: CommitmentView, seq: number): void {
  statement(
    db,
    `INSERT INTO commitments (id, body, due_date, made_on, fulfilled_on, seq, state, due_after_instrument, theme) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET due_date = excluded.due_date, made_on = excluded.made_on, fulfilled_on = excluded.fulfilled_on, seq = excluded.seq,
       state = excluded.state, due_after_instrument = excluded.due_after_instrument, theme = excluded.theme`,
  ).run(next.id, next.body, next.dueDate, next.madeOn, next.fulfilledOn, seq, JSON.stringify(next), next.dueAfter?.instrumentId ?? null, next.theme ?? null);
}

/** A commitment due after an act gets its due date from that act once it is known; before, the date expected stands. */
function resolved(db: ReadModelDb, view: CommitmentView): CommitmentView {
  if (!view.dueAfter) return view;
  const { actOn, dueDate } = dueAfterAct(findInstrument(db, view.dueAfter.instrumentId), view.dueAfter);
  return { ...view, dueAfterActOn: actOn, dueDate: dueDate ?? view.statedDueDate };
}
