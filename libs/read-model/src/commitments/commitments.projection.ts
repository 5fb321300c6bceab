import { commitmentStream } from '@ddr/coordination';
import { chronicleOfActs } from '../acts/acts.projection';
import type { Projection } from '../projection';
import { statement } from '../statements';
import { commitmentViewFold } from './commitment-view';

export const commitmentsProjection: Projection = {
  name: 'commitments',
  streams: [commitmentStream('')],
  schema: `
    CREATE TABLE IF NOT EXISTS commitments (
      id TEXT PRIMARY KEY, body TEXT NOT NULL, due_date TEXT NOT NULL, made_on TEXT NOT NULL, fulfilled_on TEXT,
      seq INTEGER NOT NULL, state TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS commitments_by_body ON commitments (body, due_date, id);
    CREATE INDEX IF NOT EXISTS commitments_unfulfilled ON commitments (body, due_date, id) WHERE fulfilled_on IS NULL;
    CREATE INDEX IF NOT EXISTS commitments_by_due_date ON commitments (due_date);
  `,
  apply(db, event) {
    const id = event.data.commitmentId as string;
    // A handful of acts each: folded again, in effective-date order, at every one.
    const next = chronicleOfActs(db, commitmentViewFold, commitmentStream(id)).state;
    if (!next) return;
    statement(
      db,
      `INSERT INTO commitments (id, body, due_date, made_on, fulfilled_on, seq, state) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET due_date = excluded.due_date, made_on = excluded.made_on, fulfilled_on = excluded.fulfilled_on, seq = excluded.seq, state = excluded.state`,
    ).run(id, next.body, next.dueDate, next.madeOn, next.fulfilledOn, event.seq, JSON.stringify(next));
  },
};
