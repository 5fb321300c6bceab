import { commitmentStatus, commitmentStream, type CommitmentStatus } from '@ddr/coordination';
import type { Body, CalendarDate } from '@ddr/kernel';
import type { ReadModelDb } from '../read-model-db';
import { keysetPage, type Page, type PageRequest } from '../paging';
import { statement } from '../statements';
import type { Viewer } from '../visibility/viewer';
import type { CommitmentView } from './commitment-view';

export interface CommitmentReading extends CommitmentView {
  status: CommitmentStatus;
}

export interface CommitmentFilter {
  body?: Body | null;
  status?: string | null;
}

/** Whether a commitment is fulfilled, open or overdue on a date, as SQL: overdue is derived, never stored. */
const STATUS_ON: Record<CommitmentStatus, string> = {
  FULFILLED: 'fulfilled_on IS NOT NULL AND fulfilled_on <= @on',
  OPEN: 'due_date >= @on',
  OVERDUE: 'due_date < @on',
};

/**
 * The commitments not fulfilled by a date: those never fulfilled, read from their own partial index,
 * and those fulfilled after it, which SQLite finds among the body's commitments due before the date
 * (docs/benchmarks.md, body-view). A body's page never reads another body's commitments.
 */
const UNFULFILLED_ON = `(SELECT id, body, due_date, made_on, state FROM commitments WHERE fulfilled_on IS NULL
  UNION ALL SELECT id, body, due_date, made_on, state FROM commitments WHERE fulfilled_on > @on)`;

function readingOn(on: CalendarDate) {
  return (row: { state: string }): CommitmentReading => {
    const commitment = JSON.parse(row.state) as CommitmentView;
    const fulfilledOn = commitment.fulfilledOn && commitment.fulfilledOn <= on ? commitment.fulfilledOn : null;
    const notes = commitment.notes.filter((note) => note.effectiveDate <= on);
    const asOf = { ...commitment, fulfilledOn, notes, lastNote: notes.at(-1)?.note ?? null };
    return { ...asOf, status: commitmentStatus(asOf, on) };
  };
}

/**
 * Commitments made by `on`, with their status on that date, soonest due first, a page at a time. A body's
 * page is read from its own rows of the (body, due date, id) index.
 */
export function commitmentsPage(db: ReadModelDb, viewer: Viewer, on: CalendarDate, filter: CommitmentFilter, request: PageRequest): Page<CommitmentReading> {
  const status = filter.status as CommitmentStatus | null | undefined;
  const where = ['made_on <= @on'];
  if (filter.body) where.push('body = @body');
  if (status) where.push(STATUS_ON[status]);
  return keysetPage(
    db,
    {
      select: 'id, due_date AS dueDate, state',
      from: status === 'OPEN' || status === 'OVERDUE' ? UNFULFILLED_ON : 'commitments',
      where,
      params: [{ on, body: filter.body ?? null }],
      orderBy: ['due_date', 'id'],
      keyOf: (row: { id: string; dueDate: string; state: string }) => [row.dueDate, row.id],
      node: readingOn(on),
      visibleTo: { viewer, prefix: commitmentStream(''), id: 'id' },
    },
    request,
  );
}

/** Every commitment made by `on` with its status then: for the command line's replay, which prints them all. */
export function listCommitments(db: ReadModelDb, on: CalendarDate): CommitmentReading[] {
  return statement<[string], { state: string }>(db, 'SELECT state FROM commitments WHERE made_on <= ? ORDER BY due_date, id').all(on).map(readingOn(on));
}

export function findCommitment(db: ReadModelDb, id: string): CommitmentView | null {
  const row = statement<[string], { state: string }>(db, 'SELECT state FROM commitments WHERE id = ?').get(id);
  return row ? (JSON.parse(row.state) as CommitmentView) : null;
}
