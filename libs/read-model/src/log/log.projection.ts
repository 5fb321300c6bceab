import type { JsonObject } from '@ddr/kernel';
import type { Projection } from '../projection';
import { statement } from '../statements';
import { summarise } from './summary';

/**
 * Every event, indexed by both clocks and by body: the timeline, and "what was known at an instant". A
 * correction names the revision it corrects, and the act it corrects lists the corrections made to it.
 */
export const logProjection: Projection = {
  name: 'log',
  schema: `
    CREATE TABLE IF NOT EXISTS events (
      seq INTEGER PRIMARY KEY, position TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
      type TEXT NOT NULL, body TEXT, actor TEXT, effective_date TEXT, recorded_at TEXT NOT NULL, summary TEXT NOT NULL, source TEXT,
      corrects INTEGER, corrected_by TEXT NOT NULL DEFAULT '[]');
    CREATE INDEX IF NOT EXISTS events_by_stream ON events (stream_id, revision);
    CREATE INDEX IF NOT EXISTS events_by_effective_date ON events (effective_date, seq);
    CREATE INDEX IF NOT EXISTS events_by_recorded_at ON events (recorded_at, seq);
    CREATE INDEX IF NOT EXISTS events_by_body ON events (body, effective_date, seq);
  `,
  apply(db, event) {
    const { metadata } = event;
    const corrects = event.type === 'ActCorrected' ? (event.data.revision as number) : null;
    statement(
      db,
      `INSERT INTO events (seq, position, stream_id, revision, type, body, actor, effective_date, recorded_at, summary, source, corrects)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      event.seq,
      event.position,
      event.streamId,
      event.revision,
      event.type,
      metadata.body ?? null,
      metadata.actor ?? null,
      metadata.effectiveDate ?? null,
      metadata.recordedAt ?? event.committedAt,
      summarise(event.type, event.data),
      // Acts carry their source, a correction the new one it gives; the log's own events (access, checkpoints) have none.
      sourceJson(event.data) ?? null,
      corrects,
    );
    if (corrects !== null) {
      statement(db, `UPDATE events SET corrected_by = json_insert(corrected_by, '$[#]', ?) WHERE stream_id = ? AND revision = ?`).run(
        event.revision,
        event.streamId,
        corrects,
      );
    }
  },
};

const sourceJson = (data: JsonObject): string | undefined => {
  const source = data.source ?? (data.changes as JsonObject | undefined)?.source;
  return source ? JSON.stringify(source) : undefined;
};
