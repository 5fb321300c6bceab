/**
 * One row per event. `position` is the global order (AUTOINCREMENT never
 * reuses a value, so a position names one event forever); (stream_id,
 * revision) is unique, which is what makes the optimistic-concurrency check
 * hold even if two writers slipped past it. Triggers refuse updates and
 * deletes: no code path of ours needs them, so a mistaken edit fails loudly
 * (someone with the file can drop them; the ledger's hashes catch that).
 * `command_ids` binds each command id to the act it was first used for (its
 * stream and digest), written in the same transaction as the act.
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
CREATE TRIGGER IF NOT EXISTS events_are_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER IF NOT EXISTS events_are_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TABLE IF NOT EXISTS command_ids (
  command_id TEXT PRIMARY KEY,
  stream_id  TEXT NOT NULL,
  digest     TEXT
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS command_ids_are_append_only_update BEFORE UPDATE ON command_ids
BEGIN SELECT RAISE(ABORT, 'command ids are bound once'); END;
CREATE TRIGGER IF NOT EXISTS command_ids_are_append_only_delete BEFORE DELETE ON command_ids
BEGIN SELECT RAISE(ABORT, 'command ids are bound once'); END;
CREATE TABLE IF NOT EXISTS command_ids_indexed (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  position INTEGER NOT NULL
);
`;

/**
 * Binds the command ids of events appended without a claim (recorded before the index existed, imported,
 * generated) to the stream of their last event: a decision citing a meeting writes the meeting first and
 * its own stream last. Run at open, from where the last run stopped; claims already made stay as they are.
 */
export const INDEX_UNCLAIMED_COMMAND_IDS = `
INSERT OR IGNORE INTO command_ids (command_id, stream_id, digest)
SELECT command_id, stream_id, digest FROM (
  SELECT json_extract(metadata, '$.commandId') AS command_id, stream_id, json_extract(metadata, '$.commandDigest') AS digest, max(position)
  FROM events
  WHERE position > (SELECT coalesce(max(position), 0) FROM command_ids_indexed) AND json_extract(metadata, '$.commandId') IS NOT NULL
  GROUP BY 1
);
INSERT OR REPLACE INTO command_ids_indexed (id, position) VALUES (1, (SELECT coalesce(max(position), 0) FROM events));
`;

/** Whether events were appended since the last run of the above (a read, so a quiet or read-only file is not written). */
export const COMMAND_IDS_BEHIND = `
SELECT (SELECT coalesce(max(position), 0) FROM events) > (SELECT coalesce(max(position), 0) FROM command_ids_indexed) AS behind`;
