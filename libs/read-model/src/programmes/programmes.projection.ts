import { evolveProgramme, programmeDecider, programmeStream, type Programme, type ProgrammeEvent } from '@ddr/programmes';
import { inEffectiveOrder } from '@ddr/kernel';
import { chronicleOfActs, refoldsFrom } from '../acts/acts.projection';
import type { ProjectedEvent, Projection } from '../projection';
import type { ReadModelDb } from '../read-model-db';
import { summarise } from '../log/summary';
import { statement } from '../statements';
import { countChanges, type CountChange } from './programme-counts';

/**
 * Four shapes of one programme: its current state (tranches included), its
 * figure changes summed per effective date (for "as of a date"), the
 * figures after each event as the log then held them (for "as known at an
 * instant"), and the reports its figures come from, each with its source.
 * A late act or a correction recomputes the programme's changes from its
 * acts in effective-date order; a correction rewrites its act's report.
 */
export const programmesProjection: Projection = {
  name: 'programmes',
  streams: [programmeStream('')],
  schema: `
    CREATE TABLE IF NOT EXISTS programmes (
      code TEXT PRIMARY KEY, launched_on TEXT NOT NULL, last_act_on TEXT NOT NULL, seq INTEGER NOT NULL, state TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS programme_changes (
      code TEXT NOT NULL, effective_date TEXT NOT NULL, measure TEXT NOT NULL, key TEXT NOT NULL, delta INTEGER NOT NULL,
      PRIMARY KEY (code, effective_date, measure, key));
    CREATE TABLE IF NOT EXISTS programme_figures (
      code TEXT NOT NULL, measure TEXT NOT NULL, key TEXT NOT NULL, value INTEGER NOT NULL, PRIMARY KEY (code, measure, key));
    CREATE TABLE IF NOT EXISTS programme_versions (
      code TEXT NOT NULL, seq INTEGER NOT NULL, launched_on TEXT NOT NULL, figures TEXT NOT NULL, PRIMARY KEY (code, seq));
    CREATE TABLE IF NOT EXISTS programme_reports (
      code TEXT NOT NULL, seq INTEGER NOT NULL, revision INTEGER NOT NULL, effective_date TEXT NOT NULL, type TEXT NOT NULL, tranche TEXT,
      summary TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (code, seq));
    CREATE INDEX IF NOT EXISTS programme_reports_by_act ON programme_reports (code, revision);
  `,
  apply(db, event) {
    const code = event.data.programme as string;
    const row = statement<[string], { state: string; last_act_on: string }>(db, 'SELECT state, last_act_on FROM programmes WHERE code = ?').get(code);
    const before = row ? (JSON.parse(row.state) as Programme) : null;
    const from = refoldsFrom(event, row?.last_act_on ?? null);
    let after: Programme | null;
    let lastActOn: string;
    let corrected: ProgrammeEvent | null = null;
    if (from === null) {
      const domainEvent = { type: event.type, data: event.data } as ProgrammeEvent;
      after = evolveProgramme(before, domainEvent);
      lastActOn = domainEvent.data.effectiveDate;
      if (after) for (const change of countChanges(domainEvent, before?.eligibleCandidates ?? null)) add(db, code, lastActOn, change);
    } else {
      const chronicle = chronicleOfActs(db, programmeDecider.spec, programmeStream(code));
      after = chronicle.state;
      lastActOn = chronicle.lastDate ?? from;
      if (event.type === 'ActCorrected') corrected = chronicle.entries[event.data.revision as number]?.act ?? null;
      statement(db, 'DELETE FROM programme_changes WHERE code = ?').run(code);
      statement(db, 'DELETE FROM programme_figures WHERE code = ?').run(code);
      let state: Programme | null = null;
      for (const { act } of inEffectiveOrder(chronicle.entries)) {
        for (const change of countChanges(act, state?.eligibleCandidates ?? null)) add(db, code, act.data.effectiveDate, change);
        state = evolveProgramme(state, act);
      }
    }
    if (!after) return;
    statement(
      db,
      `INSERT INTO programmes (code, launched_on, last_act_on, seq, state) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (code) DO UPDATE SET launched_on = excluded.launched_on, last_act_on = excluded.last_act_on, seq = excluded.seq, state = excluded.state`,
    ).run(code, after.launchedOn, lastActOn, event.seq, JSON.stringify(after));
    const figures = statement<[string], { measure: string; key: string; value: number }>(
      db,
      'SELECT measure, key, value FROM programme_figures WHERE code = ? ORDER BY measure, key',
    ).all(code);
    statement(db, 'INSERT INTO programme_versions (code, seq, launched_on, figures) VALUES (?, ?, ?, ?)').run(
      code,
      event.seq,
      after.launchedOn,
      JSON.stringify(figures),
    );
    if (event.type !== 'ActCorrected') report(db, code, event);
    else if (corrected) rewriteReport(db, code, event.data.revision as number, corrected);
  },
};

/** The report an act's figures come from, with its source. */
function report(db: ReadModelDb, code: string, event: ProjectedEvent): void {
  statement(db, 'INSERT INTO programme_reports (code, seq, revision, effective_date, type, tranche, summary, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    code,
    event.seq,
    event.revision,
    event.data.effectiveDate,
    event.type,
    typeof event.data.tranche === 'string' ? event.data.tranche : null,
    summarise(event.type, event.data),
    JSON.stringify(event.data.source),
  );
}

/** A corrected act's report says what the act now says: its date, figures and source. */
function rewriteReport(db: ReadModelDb, code: string, revision: number, act: ProgrammeEvent): void {
  statement(db, 'UPDATE programme_reports SET effective_date = ?, summary = ?, source = ? WHERE code = ? AND revision = ?').run(
    act.data.effectiveDate,
    summarise(act.type, act.data),
    JSON.stringify(act.data.source),
    code,
    revision,
  );
}

/** One figure change, in the day's sum (as of a date) and in the running figures (now). */
function add(db: ReadModelDb, code: string, date: string, { measure, key, delta }: CountChange): void {
  statement(
    db,
    `INSERT INTO programme_changes (code, effective_date, measure, key, delta) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET delta = delta + excluded.delta`,
  ).run(code, date, measure, key, delta);
  statement(
    db,
    `INSERT INTO programme_figures (code, measure, key, value) VALUES (?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET value = value + excluded.value`,
  ).run(code, measure, key, delta);
}
