import { MEETINGS_STREAM_PREFIX, type MeetingHeld } from '@ddr/coordination';
import type { Projection } from '../projection';
import { statement } from '../statements';

export const meetingsProjection: Projection = {
  name: 'meetings',
  streams: [MEETINGS_STREAM_PREFIX],
  schema: `
    CREATE TABLE IF NOT EXISTS meetings (
      meeting TEXT PRIMARY KEY, body TEXT NOT NULL, number INTEGER NOT NULL, effective_date TEXT NOT NULL,
      title TEXT, established_by TEXT NOT NULL, seq INTEGER NOT NULL, source TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS meetings_by_body ON meetings (body, effective_date);
  `,
  apply(db, event) {
    if (event.type !== 'MeetingHeld') return;
    const { meeting, body, number, effectiveDate, title, establishedBy, source } = event.data as unknown as MeetingHeld['data'];
    statement(db, 'INSERT INTO meetings (meeting, body, number, effective_date, title, established_by, seq, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      meeting,
      body,
      number,
      effectiveDate,
      title,
      establishedBy,
      event.seq,
      JSON.stringify(source),
    );
  },
};
