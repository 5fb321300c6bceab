import type { Body, Source } from '@ddr/kernel';
import type { ReadModelDb } from '../read-model-db';
import { statement } from '../statements';

export interface MeetingRow {
  meeting: string;
  body: Body;
  number: number;
  effectiveDate: string;
  title: string | null;
  establishedBy: string;
  /** The source of the record or of the decision that first cited it. */
  source: Source;
}

type StoredRow = Omit<MeetingRow, 'source'> & { source: string };
const COLUMNS = 'meeting, body, number, effective_date AS effectiveDate, title, established_by AS establishedBy, source';
const meetingRow = (row: StoredRow): MeetingRow => ({ ...row, source: JSON.parse(row.source) as Source });

export function findMeeting(db: ReadModelDb, meeting: string): MeetingRow | null {
  const row = statement<[string], StoredRow>(db, `SELECT ${COLUMNS} FROM meetings WHERE meeting = ?`).get(meeting);
  return row ? meetingRow(row) : null;
}

export function meetingsOf(db: ReadModelDb, body: Body | null, from: string, to: string): MeetingRow[] {
  return statement<[string | null, string | null, string, string], StoredRow>(
    db,
    `SELECT ${COLUMNS} FROM meetings WHERE (? IS NULL OR body = ?) AND effective_date BETWEEN ? AND ? ORDER BY effective_date, meeting`,
  )
    .all(body, body, from, to)
    .map(meetingRow);
}
