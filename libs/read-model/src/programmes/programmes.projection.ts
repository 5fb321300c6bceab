import { evolveProgramme, programmeStream, type Programme, type ProgrammeEvent } from '@ddr/programmes';
import type { Projection } from '../projection';
import { summarise } from '../log/summary';
import { statement } from '../statements';
import { countChanges } from './programme-counts';

/**
 * Four shapes of one programme: its current state (tranches included), its
 * figure changes summed per effective date (for "as of a date"), the
 * running figures after each event (for "as known at an instant"), and the
 * reports its figures come from, each with its source.
 */
export const programmesProjection: Projection = {
  name: 'programmes',
  streams: [programmeStream('')],
  schema: `
    CREATE TABLE IF NOT EXISTS programmes (
      code TEXT PRIMARY KEY, launched_on TEXT NOT NULL, seq INTEGER NOT NULL, state TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS programme_changes (
      code TEXT NOT NULL, effective_date TEXT NOT NULL, measure TEXT NOT NULL, key TEXT NOT NULL, delta INTEGER NOT NULL,
      PRIMARY KEY (code, effective_date, measure, key));
    CREATE TABLE IF NOT EXISTS programme_figures (
      code TEXT NOT NULL, measure TEXT NOT NULL, key TEXT NOT NULL, value INTEGER NOT NULL, PRIMARY KEY (code, measure, key));
    CREATE TABLE IF NOT EXISTS programme_versions (
      code TEXT NOT NULL, seq INTEGER NOT NULL, figures TEXT NOT NULL, PRIMARY KEY (code, seq));
    CREATE TABLE IF NOT EXISTS programme_reports (
      code TEXT NOT NULL, seq INTEGER NOT NULL, effective_date TEXT NOT NULL, type TEXT NOT NULL, tranche TEXT,
      summary TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (code, seq));
  `,
  apply(db, event) {
    const domainEvent = { type: event.type, data: event.data } as unknown as ProgrammeEvent;
    const code = domainEvent.data.programme;
    const row = statement<[string], { state: string }>(db, 'SELECT state FROM programmes WHERE code = ?').get(code);
    const before = row ? (JSON.parse(row.state) as Programme) : null;
    const after = evolveProgramme(before, domainEvent);
    if (!after) return;
    statement(
      db,
      `INSERT INTO programmes (code, launched_on, seq, state) VALUES (?, ?, ?, ?)
       ON CONFLICT (code) DO UPDATE SET seq = excluded.seq, state = excluded.state`,
    ).run(code, after.launchedOn, event.seq, JSON.stringify(after));
    for (const { measure, key, delta } of countChanges(domainEvent, before?.eligibleCandidates ?? null)) {
      statement(
        db,
        `INSERT INTO programme_changes (code, effective_date, measure, key, delta) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET delta = delta + excluded.delta`,
      ).run(code, domainEvent.data.effectiveDate, measure, key, delta);
      statement(
        db,
        `INSERT INTO programme_figures (code, measure, key, value) VALUES (?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET value = value + excluded.value`,
      ).run(code, measure, key, delta);
    }
    const figures = statement<[string], { measure: string; key: string; value: number }>(
      db,
      'SELECT measure, key, value FROM programme_figures WHERE code = ? ORDER BY measure, key',
    ).all(code);
    statement(db, 'INSERT INTO programme_versions (code, seq, figures) VALUES (?, ?, ?)').run(code, event.seq, JSON.stringify(figures));
    const { effectiveDate, source } = domainEvent.data;
    statement(db, 'INSERT INTO programme_reports (code, seq, effective_date, type, tranche, summary, source) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      code,
      event.seq,
      effectiveDate,
      domainEvent.type,
      'tranche' in domainEvent.data ? domainEvent.data.tranche : null,
      summarise(event.type, event.data),
      JSON.stringify(source),
    );
  },
};
