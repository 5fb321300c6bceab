import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/**
 * `DATA_DIR/notifications.sqlite`: the notifier's follower state. Unlike the
 * read model it is not all derivable from the log (attempts, what was
 * delivered, which digests went out), so it is written with
 * `synchronous = FULL`, and every batch of the log is applied in one
 * transaction with the follower's position.
 *
 * - `follower`: the position of the last event applied;
 * - `watched`, `watched_entries`: the chronicle of instruments, commitments, conditions and programmes
 *   (JSON: its state in `watched`, its acts one row each), read by the notifier's watch when it needs
 *   one it does not hold (`WatchedChronicles`);
 * - `awaiting`: the instruments each body's step awaits, for its digest (derived from `watched`, rebuilt at start);
 * - `endpoints`, `digest_subscriptions`: what the notifications streams registered;
 * - `notices`: what was told, in the order it was told (`seq`), with the body each attempt sends and
 *   the trace context of the event that caused it (its deliveries' spans continue that trace);
 * - `deliveries`: one row per notice per endpoint, delivered or not, failures so far, next attempt;
 * - `attempts`: every attempt (status, latency, error), for the body and for auditors;
 * - `decisions`: the steps decided, for the digests' "decided since the last digest";
 * - `digests`: the digests sent, one per subscription and period.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS follower (id INTEGER PRIMARY KEY CHECK (id = 1), position TEXT);
INSERT OR IGNORE INTO follower (id, position) VALUES (1, NULL);
CREATE TABLE IF NOT EXISTS watched (stream_id TEXT PRIMARY KEY, state TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS watched_entries (stream_id TEXT NOT NULL, revision INTEGER NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (stream_id, revision)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS awaiting (body TEXT NOT NULL, stream_id TEXT NOT NULL, PRIMARY KEY (body, stream_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS awaiting_by_stream ON awaiting (stream_id);
CREATE TABLE IF NOT EXISTS endpoints (
  id              TEXT PRIMARY KEY,
  body            TEXT NOT NULL,
  url             TEXT NOT NULL,
  kinds           TEXT NOT NULL,
  sealed_secret   TEXT NOT NULL,
  previous_sealed TEXT,
  rotated_at      TEXT,
  status          TEXT NOT NULL,
  failing_since   TEXT,
  registered_at   TEXT NOT NULL,
  registered_by   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS notices (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  id         TEXT NOT NULL UNIQUE,
  kind       TEXT NOT NULL,
  body       TEXT NOT NULL,
  position   TEXT,
  payload    TEXT NOT NULL,
  created_at TEXT NOT NULL,
  traceparent TEXT
);
CREATE TABLE IF NOT EXISTS deliveries (
  endpoint_id     TEXT NOT NULL,
  seq             INTEGER NOT NULL,
  webhook_id      TEXT NOT NULL,
  delivered_at    TEXT,
  failures        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (endpoint_id, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS deliveries_pending ON deliveries (endpoint_id, delivered_at, seq);
CREATE TABLE IF NOT EXISTS attempts (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  endpoint_id  TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  webhook_id   TEXT NOT NULL,
  attempted_at TEXT NOT NULL,
  status       INTEGER,
  latency_ms   INTEGER NOT NULL,
  error        TEXT
);
CREATE INDEX IF NOT EXISTS attempts_by_endpoint ON attempts (endpoint_id, id);
CREATE TABLE IF NOT EXISTS decisions (position TEXT NOT NULL, recorded_at TEXT NOT NULL, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS decisions_by_time ON decisions (recorded_at);
CREATE TABLE IF NOT EXISTS digest_subscriptions (
  id            TEXT PRIMARY KEY,
  body          TEXT NOT NULL,
  email         TEXT NOT NULL,
  frequency     TEXT NOT NULL,
  language      TEXT NOT NULL,
  subscribed_at TEXT NOT NULL,
  cancelled     INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS digests (
  subscription_id TEXT NOT NULL,
  period          TEXT NOT NULL,
  sent_at         TEXT NOT NULL,
  message_id      TEXT NOT NULL,
  PRIMARY KEY (subscription_id, period)
) WITHOUT ROWID;
`;

export type NotificationsDb = Database.Database;

export function openNotificationsDb(file: string): NotificationsDb {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 5_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(SCHEMA);
  // Files from before notices kept their event's trace context.
  const columns = db.prepare("SELECT name FROM pragma_table_info('notices')").all() as Array<{ name: string }>;
  if (!columns.some((column) => column.name === 'traceparent')) db.exec('ALTER TABLE notices ADD COLUMN traceparent TEXT');
  return db;
}
