import { conditionDecider, conditionStream, type Condition } from '@ddr/coordination';
import type { Body } from '@ddr/kernel';
import { chronicleOfActs } from '../acts/acts.projection';
import type { Projection } from '../projection';
import { statement } from '../statements';

export const conditionsProjection: Projection = {
  name: 'conditions',
  streams: [conditionStream('')],
  schema: `
    CREATE TABLE IF NOT EXISTS conditions (
      id TEXT PRIMARY KEY, body TEXT NOT NULL, set_on TEXT NOT NULL, withdrawn_on TEXT, seq INTEGER NOT NULL, state TEXT NOT NULL, theme TEXT);
    CREATE INDEX IF NOT EXISTS conditions_by_set_on ON conditions (set_on, id);
    -- The grade roll-ups count the conditions in force on a date per theme or body, and read a graded one's, without their states.
    CREATE INDEX IF NOT EXISTS conditions_by_theme ON conditions (theme, set_on, withdrawn_on);
    CREATE INDEX IF NOT EXISTS conditions_set_by_body ON conditions (body, set_on, withdrawn_on);
    CREATE INDEX IF NOT EXISTS conditions_as_items ON conditions (id, set_on, withdrawn_on, theme, body);
    CREATE TABLE IF NOT EXISTS condition_concerns (
      body TEXT NOT NULL, set_on TEXT NOT NULL, condition_id TEXT NOT NULL, PRIMARY KEY (body, set_on, condition_id));
    CREATE INDEX IF NOT EXISTS condition_concerns_by_condition ON condition_concerns (condition_id);
  `,
  apply(db, event) {
    const id = event.data.conditionId as string;
    // A handful of acts each: folded again, in effective-date order, at every one.
    const next = chronicleOfActs(db, conditionDecider.spec, conditionStream(id)).state;
    if (!next) return;
    statement(
      db,
      `INSERT INTO conditions (id, body, set_on, withdrawn_on, seq, state, theme) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET set_on = excluded.set_on, withdrawn_on = excluded.withdrawn_on, seq = excluded.seq, state = excluded.state,
         theme = excluded.theme`,
    ).run(id, next.body, next.setOn, next.withdrawnOn, event.seq, JSON.stringify(next), next.theme ?? null);
    // The bodies a condition concerns, as an index: a body's conditions are read without the others'.
    statement(db, 'DELETE FROM condition_concerns WHERE condition_id = ?').run(id);
    for (const body of concernedBodies(next)) {
      statement(db, 'INSERT INTO condition_concerns (body, set_on, condition_id) VALUES (?, ?, ?)').run(body, next.setOn, id);
    }
  },
};

/** A body is concerned by a condition it set, or one that waits on its own step. */
export function concernedBodies(condition: Condition): Set<Body> {
  const steps = condition.requires.flatMap((r) => (r.kind === 'INSTRUMENT_STEP_APPROVED' ? [r.body] : []));
  return new Set([condition.body, ...steps]);
}
