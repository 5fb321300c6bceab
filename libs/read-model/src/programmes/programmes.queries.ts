import type { Programme } from '@ddr/programmes';
import type { CalendarDate, Source } from '@ddr/kernel';
import type { ReadModelDb } from '../read-model-db';
import { statement } from '../statements';
import { seqKnownAt, type Clocks } from '../time-travel';
import { figuresOf, type ProgrammeFigures } from './programme-counts';

/** One act a programme's figures come from, in a line, with its source. */
export interface ProgrammeReport {
  type: string;
  tranche: string | null;
  effectiveDate: CalendarDate;
  summary: string;
  source: Source;
}

export interface ProgrammeReading {
  programme: Programme;
  figures: ProgrammeFigures;
  /** The reports behind the figures, on the same clock, in the order recorded. */
  reports: ProgrammeReport[];
}

type FigureRow = { measure: string; key: string; value: number };

/**
 * A programme's figures now, as of a date (sum of the changes effective by
 * then, corrections and late acts included: one row per day and figure, never
 * a replay), or as known at an instant (the figures and launch date stored
 * after the last event recorded by then).
 * One clock at a time: the caller refuses both together.
 */
export function findProgramme(db: ReadModelDb, code: string, clocks: Clocks = {}): ProgrammeReading | null {
  const row = statement<[string], { state: string; launched_on: string; seq: number }>(db, 'SELECT state, launched_on, seq FROM programmes WHERE code = ?').get(
    code,
  );
  if (!row) return null;
  let programme = JSON.parse(row.state) as Programme;
  if (clocks.asOf && clocks.asOf < row.launched_on) return null;
  let rows: FigureRow[];
  const knownBy = clocks.knownAt ? seqKnownAt(db, clocks.knownAt) : Number.MAX_SAFE_INTEGER;
  if (clocks.knownAt) {
    const version = statement<[string, number], { figures: string; launched_on: string }>(
      db,
      'SELECT figures, launched_on FROM programme_versions WHERE code = ? AND seq <= ? ORDER BY seq DESC LIMIT 1',
    ).get(code, knownBy);
    if (!version) return null;
    // The launch date as the log then held it: a later correction of it is not yet known.
    programme = { ...programme, launchedOn: version.launched_on };
    rows = JSON.parse(version.figures) as FigureRow[];
  } else if (clocks.asOf) {
    rows = statement<[string, string], FigureRow>(
      db,
      'SELECT measure, key, sum(delta) AS value FROM programme_changes WHERE code = ? AND effective_date <= ? GROUP BY measure, key',
    ).all(code, clocks.asOf);
  } else {
    rows = statement<[string], FigureRow>(db, 'SELECT measure, key, value FROM programme_figures WHERE code = ?').all(code);
  }
  const reports = statement<[string, string, number], Omit<ProgrammeReport, 'source'> & { source: string }>(
    db,
    `SELECT type, tranche, effective_date AS effectiveDate, summary, source FROM programme_reports
     WHERE code = ? AND effective_date <= ? AND seq <= ? ORDER BY seq`,
  )
    .all(code, clocks.asOf ?? '9999-12-31', knownBy)
    .map((report) => ({ ...report, source: JSON.parse(report.source) as Source }));
  return { programme, figures: figuresOf(rows), reports };
}

export function listProgrammes(db: ReadModelDb): string[] {
  return statement<[], { code: string }>(db, 'SELECT code FROM programmes ORDER BY code')
    .all()
    .map((r) => r.code);
}
