import type { Body, Source } from '@ddr/kernel';
import type { ReadModelDb } from '../read-model-db';
import { keysetPage, type Page, type PageRequest } from '../paging';
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

/** Meetings between two dates (of one body, or all), in date order, a page at a time. */
export function meetingsOf(db: ReadModelDb, filter: { body: Body | null; from: string; to: string }, request: PageRequest): Page<MeetingRow> {
  return keysetPage(
    db,
    {
      select: COLUMNS,
      from: 'meetings',
      where: [...(filter.body ? ['body = @body'] : []), 'effective_date BETWEEN @from AND @to'],
      params: [filter],
      orderBy: ['effective_date', 'meeting'],
      keyOf: (row: StoredRow) => [row.effectiveDate, row.meeting],
      node: meetingRow,
    },
    request,
  );
}
