import type { Programme } from '@ddr/programmes';
import type { ReadModelDb } from '../read-model-db';
import { statement } from '../statements';
import { seqKnownAt, type Clocks } from '../time-travel';
import { figuresOf, type ProgrammeFigures } from './programme-counts';

export interface ProgrammeReading {
  programme: Programme;
  figures: ProgrammeFigures;
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
  if (clocks.knownAt) {
    const version = statement<[string, number], { figures: string; launched_on: string }>(
      db,
      'SELECT figures, launched_on FROM programme_versions WHERE code = ? AND seq <= ? ORDER BY seq DESC LIMIT 1',
    ).get(code, seqKnownAt(db, clocks.knownAt));
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
  return { programme, figures: figuresOf(rows) };
}

export function listProgrammes(db: ReadModelDb): string[] {
  return statement<[], { code: string }>(db, 'SELECT code FROM programmes ORDER BY code')
    .all()
    .map((r) => r.code);
}
