import { conditionStream, evolveCondition, type Condition, type ConditionEvent } from '@ddr/coordination';
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
    const domainEvent = { type: event.type, data: event.data } as unknown as ConditionEvent;
    const id = domainEvent.data.conditionId;
    const row = statement<[string], { state: string }>(db, 'SELECT state FROM conditions WHERE id = ?').get(id);
    const next = evolveCondition(row ? (JSON.parse(row.state) as Condition) : null, domainEvent);
    if (!next) return;
    statement(
      db,
      `INSERT INTO conditions (id, body, set_on, withdrawn_on, seq, state) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET withdrawn_on = excluded.withdrawn_on, seq = excluded.seq, state = excluded.state`,
    ).run(id, next.body, next.setOn, next.withdrawnOn, event.seq, JSON.stringify(next));
  },
};
