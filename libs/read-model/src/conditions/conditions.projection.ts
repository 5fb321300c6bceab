import { conditionDecider, conditionStream } from '@ddr/coordination';
import { chronicleOfActs } from '../acts/acts.projection';
import type { Projection } from '../projection';
import { statement } from '../statements';

export const conditionsProjection: Projection = {
  name: 'conditions',
  streams: [conditionStream('')],
  schema: `
    CREATE TABLE IF NOT EXISTS conditions (
      id TEXT PRIMARY KEY, body TEXT NOT NULL, set_on TEXT NOT NULL, withdrawn_on TEXT, seq INTEGER NOT NULL, state TEXT NOT NULL);
  `,
  apply(db, event) {
    const id = event.data.conditionId as string;
    // A handful of acts each: folded again, in effective-date order, at every one.
    const next = chronicleOfActs(db, conditionDecider.spec, conditionStream(id)).state;
    if (!next) return;
    statement(
      db,
      `INSERT INTO conditions (id, body, set_on, withdrawn_on, seq, state) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET set_on = excluded.set_on, withdrawn_on = excluded.withdrawn_on, seq = excluded.seq, state = excluded.state`,
    ).run(id, next.body, next.setOn, next.withdrawnOn, event.seq, JSON.stringify(next));
  },
};
