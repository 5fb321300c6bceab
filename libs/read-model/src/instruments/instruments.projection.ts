import { awaitedSteps, instrumentStream, type InstrumentEvent } from '@ddr/coordination';
import { statesByDate, type ActCorrected, type Source } from '@ddr/kernel';
import { chronicleOfActs, refoldsFrom } from '../acts/acts.projection';
import type { Projection } from '../projection';
import type { ReadModelDb } from '../read-model-db';
import { statement } from '../statements';
import { evolveInstrumentView, instrumentViewFold, type InstrumentView } from './instrument-view';

/**
 * An instrument now (`instruments`), as of each effective date of its acts (`instrument_dated`, for `asOf`),
 * and as the log held it after each of its events (`instrument_versions`, for `knownAt`). An act that
 * extends the fold updates its own day; a late act or a correction folds the acts again and rewrites
 * the days from the earliest it touches.
 */
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
    CREATE TABLE IF NOT EXISTS instrument_dated (
      instrument_id TEXT NOT NULL, effective_date TEXT NOT NULL, view TEXT NOT NULL, PRIMARY KEY (instrument_id, effective_date));
    CREATE TABLE IF NOT EXISTS instrument_versions (
      instrument_id TEXT NOT NULL, revision INTEGER NOT NULL, seq INTEGER NOT NULL, view TEXT NOT NULL, PRIMARY KEY (instrument_id, revision));
    CREATE INDEX IF NOT EXISTS instrument_versions_by_seq ON instrument_versions (instrument_id, seq);
    CREATE TABLE IF NOT EXISTS step_decisions (
      seq INTEGER PRIMARY KEY, instrument_id TEXT NOT NULL, revision INTEGER NOT NULL, body TEXT NOT NULL, action TEXT NOT NULL, outcome TEXT NOT NULL,
      effective_date TEXT NOT NULL, meeting TEXT, source_ref TEXT, recorded_by TEXT, source TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS step_decisions_by_body ON step_decisions (body, effective_date, seq);
    CREATE INDEX IF NOT EXISTS step_decisions_by_meeting ON step_decisions (meeting, seq);
    CREATE INDEX IF NOT EXISTS step_decisions_by_act ON step_decisions (instrument_id, revision);
  `,
  apply(db, event) {
    const domainEvent = { type: event.type, data: event.data } as InstrumentEvent | ActCorrected;
    const id = domainEvent.data.instrumentId as string;
    const row = statement<[string], { view: string }>(db, 'SELECT view FROM instruments WHERE id = ?').get(id);
    const current = row ? (JSON.parse(row.view) as InstrumentView) : null;
    const from = refoldsFrom(event, current?.lastActOn ?? null);
    const view = from === null ? extend(db, id, current, domainEvent as InstrumentEvent, event.revision) : refold(db, id, from, event.revision);
    if (!view) return;
    const json = JSON.stringify(view);
    statement(
      db,
      `INSERT INTO instruments (id, kind, title, lead_body, status, revision, proposed_on, last_act_on, seq, view)
       VALUES (@id, @kind, @title, @leadBody, @status, @revision, @proposedOn, @lastActOn, @seq, @view)
       ON CONFLICT (id) DO UPDATE SET kind = @kind, title = @title, lead_body = @leadBody, status = @status,
         revision = @revision, proposed_on = @proposedOn, last_act_on = @lastActOn, seq = @seq, view = @view`,
    ).run({ ...view, seq: event.seq, view: json });
    statement(db, 'DELETE FROM instrument_awaiting WHERE instrument_id = ?').run(id);
    for (const body of new Set(awaitedSteps(view).map((i) => view.pathway[i].body))) {
      statement(db, 'INSERT INTO instrument_awaiting (body, instrument_id) VALUES (?, ?)').run(body, id);
    }
    statement(db, 'INSERT INTO instrument_versions (instrument_id, revision, seq, view) VALUES (?, ?, ?, ?)').run(id, event.revision, event.seq, json);
    if (domainEvent.type === 'StepDecided') {
      const { body, action, outcome, effectiveDate, meeting, source } = domainEvent.data;
      statement(
        db,
        `INSERT INTO step_decisions (seq, instrument_id, revision, body, action, outcome, effective_date, meeting, source_ref, recorded_by, source)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(event.seq, id, event.revision, body, action, outcome, effectiveDate, meeting, source.ref, event.metadata.body ?? null, JSON.stringify(source));
    }
    if (domainEvent.type === 'ActCorrected') {
      const { changes, revision } = domainEvent.data;
      const source = (changes.source ?? null) as Source | null;
      statement(
        db,
        `UPDATE step_decisions SET effective_date = coalesce(?, effective_date), source_ref = iif(?, ?, source_ref), source = coalesce(?, source)
         WHERE instrument_id = ? AND revision = ?`,
      ).run(changes.effectiveDate ?? null, source ? 1 : 0, source?.ref ?? null, source && JSON.stringify(source), id, revision);
    }
  },
};

const putDay = (db: ReadModelDb, id: string, date: string, view: InstrumentView) =>
  statement(
    db,
    `INSERT INTO instrument_dated (instrument_id, effective_date, view) VALUES (?, ?, ?)
     ON CONFLICT (instrument_id, effective_date) DO UPDATE SET view = excluded.view`,
  ).run(id, date, JSON.stringify(view));

/** An act on or after the latest date: the fold goes one step further, and its day reads the result. */
function extend(db: ReadModelDb, id: string, current: InstrumentView | null, event: InstrumentEvent, revision: number): InstrumentView | null {
  const next = evolveInstrumentView(current, event);
  if (!next) return null;
  const view = { ...next, revision };
  putDay(db, id, event.data.effectiveDate, view);
  return view;
}

/** A late act or a correction: the acts folded again, the days from `from` on written anew. */
function refold(db: ReadModelDb, id: string, from: string, revision: number): InstrumentView | null {
  const chronicle = chronicleOfActs(db, instrumentViewFold, instrumentStream(id));
  statement(db, 'DELETE FROM instrument_dated WHERE instrument_id = ? AND effective_date >= ?').run(id, from);
  for (const day of statesByDate(instrumentViewFold, chronicle.entries)) {
    if (day.date >= from && day.state) putDay(db, id, day.date, { ...day.state, revision: day.revision });
  }
  return chronicle.state && { ...chronicle.state, revision };
}
