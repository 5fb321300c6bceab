import type { ReadModelDb } from '../read-model-db';
import { frozen, keptInBatch, remembered } from '../readings';
import { statement } from '../statements';
import { parseView, type InstrumentView } from './instrument-view';

/** An instrument as the batch's latest event on it left it, to be written to `instruments` once, when the batch ends. */
export interface TouchedInstrument {
  view: InstrumentView;
  json: string;
  seq: number;
}

/** The instruments the batch being applied has changed so far, by id; undefined outside a batch. */
export const touchedInBatch = (db: ReadModelDb) => keptInBatch<TouchedInstrument>(db, 'instruments');

const stored = (db: ReadModelDb, id: string) => parseView(statement<[string], { view: string }>(db, 'SELECT view FROM instruments WHERE id = ?').get(id));

/**
 * An instrument's view now. Inside a batch, as the batch has left it so far (its `instruments` row is written when
 * the batch ends); outside, as stored, kept parsed until the next batch, as most reads ask for the same again.
 */
export function currentInstrumentView(db: ReadModelDb, id: string): InstrumentView | null {
  const touched = touchedInBatch(db);
  if (touched) return touched.get(id)?.view ?? stored(db, id);
  return remembered(db, 'instrument', id, () => frozen(stored(db, id)));
}
