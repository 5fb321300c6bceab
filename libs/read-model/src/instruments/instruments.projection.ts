import { awaitedSteps, instrumentStream, type InstrumentEvent } from '@ddr/coordination';
import type { Projection } from '../projection';
import { statement } from '../statements';
import { evolveInstrumentView, type InstrumentView } from './instrument-view';

export const instrumentsProjection: Projection = {
  name: 'instruments',
  streams: [instrumentStream('')],
  schema: `
    CREATE TABLE IF NOT EXISTS instruments (
      id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL, lead_body TEXT NOT NULL, status TEXT NOT NULL,
      revision INTEGER NOT NULL, proposed_on TEXT NOT NULL, last_act_on TEXT NOT NULL, seq INTEGER NOT NULL, view TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS instruments_by_status ON instruments (status, id);
    CREATE INDEX IF NOT EXISTS instruments_by_kind ON instruments (kind, id);
    CREATE INDEX IF NOT EXISTS instruments_by_lead ON instruments (lead_body, id);
    CREATE TABLE IF NOT EXISTS instrument_awaiting (body TEXT NOT NULL, instrument_id TEXT NOT NULL, PRIMARY KEY (body, instrument_id));
    CREATE INDEX IF NOT EXISTS instrument_awaiting_by_instrument ON instrument_awaiting (instrument_id);
    CREATE TABLE IF NOT EXISTS instrument_versions (
      instrument_id TEXT NOT NULL, revision INTEGER NOT NULL, seq INTEGER NOT NULL, effective_date TEXT NOT NULL, view TEXT NOT NULL,
      PRIMARY KEY (instrument_id, revision));
    CREATE INDEX IF NOT EXISTS instrument_versions_by_date ON instrument_versions (instrument_id, effective_date, revision);
    CREATE INDEX IF NOT EXISTS instrument_versions_by_seq ON instrument_versions (instrument_id, seq);
    CREATE TABLE IF NOT EXISTS step_decisions (
      seq INTEGER PRIMARY KEY, instrument_id TEXT NOT NULL, body TEXT NOT NULL, action TEXT NOT NULL, outcome TEXT NOT NULL,
      effective_date TEXT NOT NULL, meeting TEXT, source_ref TEXT, recorded_by TEXT, source TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS step_decisions_by_body ON step_decisions (body, effective_date, seq);
    CREATE INDEX IF NOT EXISTS step_decisions_by_meeting ON step_decisions (meeting, seq);
  `,
  apply(db, event) {
    const domainEvent = { type: event.type, data: event.data } as unknown as InstrumentEvent;
    const id = domainEvent.data.instrumentId;
    const row = statement<[string], { view: string }>(db, 'SELECT view FROM instruments WHERE id = ?').get(id);
    const view = evolveInstrumentView(row ? (JSON.parse(row.view) as InstrumentView) : null, domainEvent, event.revision);
    if (!view) return;
    const json = JSON.stringify(view);
    statement(
      db,
      `INSERT INTO instruments (id, kind, title, lead_body, status, revision, proposed_on, last_act_on, seq, view)
       VALUES (@id, @kind, @title, @leadBody, @status, @revision, @proposedOn, @lastActOn, @seq, @view)
       ON CONFLICT (id) DO UPDATE SET kind = @kind, title = @title, lead_body = @leadBody, status = @status,
         revision = @revision, last_act_on = @lastActOn, seq = @seq, view = @view`,
    ).run({ ...view, seq: event.seq, view: json });
    statement(db, 'DELETE FROM instrument_awaiting WHERE instrument_id = ?').run(id);
    for (const body of new Set(awaitedSteps(view).map((i) => view.pathway[i].body))) {
      statement(db, 'INSERT INTO instrument_awaiting (body, instrument_id) VALUES (?, ?)').run(body, id);
    }
    statement(db, 'INSERT INTO instrument_versions (instrument_id, revision, seq, effective_date, view) VALUES (?, ?, ?, ?, ?)').run(
      id,
      event.revision,
      event.seq,
      domainEvent.data.effectiveDate,
      json,
    );
    if (domainEvent.type === 'StepDecided') {
      const { body, action, outcome, effectiveDate, meeting, source } = domainEvent.data;
      statement(
        db,
        `INSERT INTO step_decisions (seq, instrument_id, body, action, outcome, effective_date, meeting, source_ref, recorded_by, source)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(event.seq, id, body, action, outcome, effectiveDate, meeting, source.ref, event.metadata.body ?? null, JSON.stringify(source));
    }
  },
};
