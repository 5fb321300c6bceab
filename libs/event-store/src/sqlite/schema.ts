/**
 * One row per event. `position` is the global order (AUTOINCREMENT never
 * reuses a value, so a position names one event forever); (stream_id,
 * revision) is unique, which is what makes the optimistic-concurrency check
 * hold even if two writers slipped past it.
 */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position     INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id     TEXT    NOT NULL UNIQUE,
  stream_id    TEXT    NOT NULL,
  revision     INTEGER NOT NULL,
  type         TEXT    NOT NULL,
  data         TEXT    NOT NULL,
  metadata     TEXT    NOT NULL,
  committed_at TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
);
CREATE INDEX IF NOT EXISTS events_by_type ON events (type, position);
`;
