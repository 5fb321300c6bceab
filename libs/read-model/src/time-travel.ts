import type { CalendarDate } from '@ddr/kernel';
import type { ReadModelDb } from './read-model-db';
import { statement } from './statements';

/**
 * The two clocks a reader may turn back: `asOf` keeps only facts effective on
 * or before a date; `knownAt` keeps only facts recorded by an instant.
 */
export interface Clocks {
  asOf?: CalendarDate | null;
  knownAt?: string | null;
}

/** The read model's sequence number of the last event recorded by `instant` (0 when none). */
export function seqKnownAt(db: ReadModelDb, instant: string): number {
  // Ordered this way, SQLite walks the recorded_at index from the instant down and stops at once.
  return (
    statement<[string], { seq: number }>(db, 'SELECT seq FROM events WHERE recorded_at <= ? ORDER BY recorded_at DESC, seq DESC LIMIT 1').get(instant)?.seq ?? 0
  );
}

/** Today's date, the default "as of" for statuses that depend on the date (overdue commitments). */
export const today = (): CalendarDate => new Date().toISOString().slice(0, 10);
