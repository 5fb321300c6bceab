import type { Body, Source } from '@ddr/kernel';
import type { ReadModelDb } from '../read-model-db';
import { statement } from '../statements';
import { streamVisible } from '../visibility/visible';
import type { Viewer } from '../visibility/viewer';

export interface TimelineEntry {
  seq: number;
  position: string;
  streamId: string;
  revision: number;
  type: string;
  body: Body | null;
  actor: string | null;
  effectiveDate: string | null;
  recordedAt: string;
  summary: string;
  /** Where the act comes from; null for events that are no body's act (the access log's, the accounts'). */
  source: Source | null;
  /** For a correction, the revision of the act it corrects. */
  corrects: number | null;
  /** The revisions of the corrections made to this act since. */
  correctedBy: number[];
}

const COLUMNS = `seq, position, stream_id AS streamId, revision, type, body, actor, effective_date AS effectiveDate,
  recorded_at AS recordedAt, summary, source, corrects, corrected_by AS correctedBy`;

/** What every body did between two dates, in the order it took effect; paged by a cursor on (date, seq). */
export function timeline(
  db: ReadModelDb,
  viewer: Viewer,
  from: string,
  to: string,
  options: { body?: Body | null; first: number; after?: { effectiveDate: string; seq: number } | null },
): { entries: TimelineEntry[]; hasNextPage: boolean } {
  const after = options.after ?? { effectiveDate: '', seq: 0 };
  const rows = statement<unknown[], Omit<TimelineEntry, 'source' | 'correctedBy'> & { source: string | null; correctedBy: string }>(
    db,
    `SELECT ${COLUMNS} FROM events
     WHERE effective_date BETWEEN ? AND ? AND (? IS NULL OR body = ?)
       AND (effective_date > ? OR (effective_date = ? AND seq > ?)) AND ${streamVisible(viewer, 'events.stream_id')}
     ORDER BY effective_date, seq LIMIT ?`,
  ).all(from, to, options.body ?? null, options.body ?? null, after.effectiveDate, after.effectiveDate, after.seq, options.first + 1);
  const entries = rows.slice(0, options.first).map((row) => ({
    ...row,
    source: row.source === null ? null : (JSON.parse(row.source) as Source),
    correctedBy: JSON.parse(row.correctedBy) as number[],
  }));
  return { entries, hasNextPage: rows.length > options.first };
}

/** The revisions of the corrections made to the act at `revision` of a stream, as far as the read model has applied the log. */
export function correctionsOf(db: ReadModelDb, streamId: string, revision: number): number[] {
  const row = statement<[string, number], { corrected_by: string }>(db, 'SELECT corrected_by FROM events WHERE stream_id = ? AND revision = ?').get(
    streamId,
    revision,
  );
  return row ? (JSON.parse(row.corrected_by) as number[]) : [];
}
