import { commitmentStatus, type CommitmentStatus } from '@ddr/coordination';
import type { Body, CalendarDate } from '@ddr/kernel';
import type { ReadModelDb } from '../read-model-db';
import { statement } from '../statements';
import type { CommitmentView } from './commitment-view';

export interface CommitmentReading extends CommitmentView {
  status: CommitmentStatus;
}

/** Commitments made by `on`, with their status on that date (overdue is derived, never stored). */
export function listCommitments(db: ReadModelDb, on: CalendarDate, filter: { body?: Body | null; status?: string | null } = {}): CommitmentReading[] {
  return statement<[string | null, string | null, string], { state: string }>(
    db,
    'SELECT state FROM commitments WHERE (? IS NULL OR body = ?) AND made_on <= ? ORDER BY due_date, id',
  )
    .all(filter.body ?? null, filter.body ?? null, on)
    .map((row) => {
      const commitment = JSON.parse(row.state) as CommitmentView;
      const fulfilledOn = commitment.fulfilledOn && commitment.fulfilledOn <= on ? commitment.fulfilledOn : null;
      const notes = commitment.notes.filter((note) => note.effectiveDate <= on);
      const asOf = { ...commitment, fulfilledOn, notes, lastNote: notes.at(-1)?.note ?? null };
      return { ...asOf, status: commitmentStatus(asOf, on) };
    })
    .filter((commitment) => !filter.status || commitment.status === filter.status);
}

export function findCommitment(db: ReadModelDb, id: string): CommitmentView | null {
  const row = statement<[string], { state: string }>(db, 'SELECT state FROM commitments WHERE id = ?').get(id);
  return row ? (JSON.parse(row.state) as CommitmentView) : null;
}
