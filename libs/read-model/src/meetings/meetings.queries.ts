import type { Body } from '@ddr/kernel';
import type { ReadModelDb } from '../read-model-db';
import { statement } from '../statements';

export interface MeetingRow {
  meeting: string;
  body: Body;
  number: number;
  effectiveDate: string;
  title: string | null;
  establishedBy: string;
}

const COLUMNS = 'meeting, body, number, effective_date AS effectiveDate, title, established_by AS establishedBy';

export function findMeeting(db: ReadModelDb, meeting: string): MeetingRow | null {
  return statement<[string], MeetingRow>(db, `SELECT ${COLUMNS} FROM meetings WHERE meeting = ?`).get(meeting) ?? null;
}

export function meetingsOf(db: ReadModelDb, body: Body | null, from: string, to: string): MeetingRow[] {
  return statement<[string | null, string | null, string, string], MeetingRow>(
    db,
    `SELECT ${COLUMNS} FROM meetings WHERE (? IS NULL OR body = ?) AND effective_date BETWEEN ? AND ? ORDER BY effective_date, meeting`,
  ).all(body, body, from, to);
}
