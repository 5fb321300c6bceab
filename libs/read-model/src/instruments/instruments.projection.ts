import { awaitedSteps, instrumentStream, type InstrumentEvent } from '@ddr/coordination';
import { statesByDate, type ActCorrected, type Source } from '@ddr/kernel';
import { chronicleOfActs, refoldsFrom } from '../acts/acts.projection';
import type { Projection } from '../projection';
import type { ReadModelDb } from '../read-model-db';
import { statement } from '../statements';
import { currentInstrumentView, touchedInBatch } from './current-view';
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
    CREATE TABLE IF NOT EXISTS instrument_awaiting (
      body TEXT NOT NULL, instrument_id TEXT NOT NULL, since TEXT NOT NULL, PRIMARY KEY (body, instrument_id));
    CREATE INDEX IF NOT EXISTS instrument_awaiting_by_instrument ON instrument_awaiting (instrument_id);
    CREATE INDEX IF NOT EXISTS instrument_awaiting_queue ON instrument_awaiting (body, since, instrument_id);
    CREATE TABLE IF NOT EXISTS instrument_waiting_on_others (
      body TEXT NOT NULL, instrument_id TEXT NOT NULL, since TEXT NOT NULL, PRIMARY KEY (body, instrument_id));
    CREATE INDEX IF NOT EXISTS instrument_waiting_on_others_by_instrument ON instrument_waiting_on_others (instrument_id);
    CREATE INDEX IF NOT EXISTS instrument_waiting_on_others_queue ON instrument_waiting_on_others (body, since, instrument_id);
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
    CREATE TABLE IF NOT EXISTS list_counts (list TEXT NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (list, key));
    ${['instrument_awaiting', 'instrument_waiting_on_others', 'step_decisions'].map((table) => countedList(table, 'body')).join('')}
    ${countedList('instruments', 'status')}
    CREATE INDEX IF NOT EXISTS step_decisions_by_act ON step_decisions (instrument_id, revision);
  `,
  apply(db, event) {
    const domainEvent = { type: event.type, data: event.data } as InstrumentEvent | ActCorrected;
    const id = domainEvent.data.instrumentId as string;
    const current = currentInstrumentView(db, id);
    const from = refoldsFrom(event, current?.lastActOn ?? null);
    const view = from === null ? extend(current, domainEvent as InstrumentEvent, event.revision) : refold(db, id, from, event.revision);
    if (!view) return;
    const json = JSON.stringify(view);
    // An act that extends the fold: its day reads the result.
    if (from === null) putDay(db, id, (domainEvent as InstrumentEvent).data.effectiveDate, json);
    // The row and the queues follow the instrument's latest state: written once a batch, however many of its events it holds.
    touchedInBatch(db)!.set(id, { view, json, seq: event.seq });
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
  finish(db) {
    for (const { view, json, seq } of touchedInBatch(db)!.values()) {
      statement(
        db,
        `INSERT INTO instruments (id, kind, title, lead_body, status, revision, proposed_on, last_act_on, seq, view)
         VALUES (@id, @kind, @title, @leadBody, @status, @revision, @proposedOn, @lastActOn, @seq, @view)
         ON CONFLICT (id) DO UPDATE SET kind = @kind, title = @title, lead_body = @leadBody, status = @status,
           revision = @revision, proposed_on = @proposedOn, last_act_on = @lastActOn, seq = @seq, view = @view`,
      ).run({ ...view, seq, view: json });
      queue(db, view);
    }
  },
};

/**
 * The body view's queues, kept as indexes so that a body's page is read without touching other
 * bodies' instruments: who the instrument awaits, since when (kept while that body still waits),
 * and, for its lead and the bodies that approved a step, that it waits on others since the
 * earliest of those dates.
 */
function queue(db: ReadModelDb, view: InstrumentView): void {
  const steps = awaitedSteps(view).map((i) => view.pathway[i]);
  const awaited = [...new Set(steps.map((step) => step.body))];
  statement(db, 'DELETE FROM instrument_awaiting WHERE instrument_id = ? AND body NOT IN (SELECT value FROM json_each(?))').run(
    view.id,
    JSON.stringify(awaited),
  );
  for (const body of awaited) {
    // Since its oldest awaited step became next, as the view tells it: a late act or a correction moves it with the refold.
    const since = steps
      .filter((step) => step.body === body)
      .reduce((oldest, step) => (step.awaitedSince! < oldest ? step.awaitedSince! : oldest), '9999-12-31');
    statement(
      db,
      `INSERT INTO instrument_awaiting (body, instrument_id, since) VALUES (?, ?, ?)
       ON CONFLICT (body, instrument_id) DO UPDATE SET since = excluded.since WHERE since <> excluded.since`,
    ).run(body, view.id, since);
  }
  const stakeholders =
    awaited.length === 0 ? [] : [...new Set([view.leadBody, ...view.pathway.filter((step) => step.status === 'APPROVED').map((step) => step.body)])];
  const waiting = stakeholders.filter((body) => !awaited.includes(body));
  statement(db, 'DELETE FROM instrument_waiting_on_others WHERE instrument_id = ? AND body NOT IN (SELECT value FROM json_each(?))').run(
    view.id,
    JSON.stringify(waiting),
  );
  if (waiting.length === 0) return;
  const since = statement<[string], { since: string }>(db, 'SELECT min(since) AS since FROM instrument_awaiting WHERE instrument_id = ?').get(view.id)!.since;
  for (const body of waiting) {
    statement(
      db,
      `INSERT INTO instrument_waiting_on_others (body, instrument_id, since) VALUES (?, ?, ?)
       ON CONFLICT (body, instrument_id) DO UPDATE SET since = excluded.since`,
    ).run(body, view.id, since);
  }
}

/**
 * The count of a table's rows per value of `column` (a body's queue, the instruments in a status), kept by triggers
 * beside it, so that `totalCount` costs one lookup however long the list.
 */
function countedList(table: string, column: string): string {
  const into = (row: 'NEW' | 'OLD') =>
    `INSERT INTO list_counts (list, key, n) VALUES ('${table}', ${row}.${column}, 1) ON CONFLICT (list, key) DO UPDATE SET n = n + 1;`;
  // A count that falls to none is left out, as a rebuild leaves it: the rows do not depend on where batches began.
  const outOf = (row: 'NEW' | 'OLD') => `UPDATE list_counts SET n = n - 1 WHERE list = '${table}' AND key = ${row}.${column};
    DELETE FROM list_counts WHERE list = '${table}' AND key = ${row}.${column} AND n = 0;`;
  return `
    CREATE TRIGGER IF NOT EXISTS ${table}_counted_in AFTER INSERT ON ${table} BEGIN ${into('NEW')} END;
    CREATE TRIGGER IF NOT EXISTS ${table}_counted_out AFTER DELETE ON ${table} BEGIN ${outOf('OLD')} END;
    CREATE TRIGGER IF NOT EXISTS ${table}_counted_moved AFTER UPDATE OF ${column} ON ${table} WHEN OLD.${column} IS NOT NEW.${column} BEGIN
      ${outOf('OLD')} ${into('NEW')}
    END;`;
}

const putDay = (db: ReadModelDb, id: string, date: string, json: string) =>
  statement(
    db,
    `INSERT INTO instrument_dated (instrument_id, effective_date, view) VALUES (?, ?, ?)
     ON CONFLICT (instrument_id, effective_date) DO UPDATE SET view = excluded.view`,
  ).run(id, date, json);

/** An act on or after the latest date: the fold goes one step further. */
function extend(current: InstrumentView | null, event: InstrumentEvent, revision: number): InstrumentView | null {
  const next = evolveInstrumentView(current, event);
  return next && { ...next, revision };
}

/** A late act or a correction: the acts folded again, the days from `from` on written anew. */
function refold(db: ReadModelDb, id: string, from: string, revision: number): InstrumentView | null {
  const chronicle = chronicleOfActs(db, instrumentViewFold, instrumentStream(id));
  statement(db, 'DELETE FROM instrument_dated WHERE instrument_id = ? AND effective_date >= ?').run(id, from);
  for (const day of statesByDate(instrumentViewFold, chronicle.entries)) {
    if (day.date >= from && day.state) putDay(db, id, day.date, JSON.stringify({ ...day.state, revision: day.revision }));
  }
  return chronicle.state && { ...chronicle.state, revision };
}
