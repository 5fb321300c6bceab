import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/**
 * `DATA_DIR/ledger.sqlite`: the Merkle tree of the global log, kept beside
 * the event store and derived from it.
 *
 * - `nodes`: every leaf hash (level 0) and every completed perfect subtree
 *   (level k covers 2^k leaves), about 2n hashes: proofs and past roots for
 *   any size are O(log n) lookups.
 * - `leaves`: which event each leaf is, so proofs are found by event id and a
 *   verification can say which event went missing. Event ids are indexed, not
 *   unique: EventStoreDB scopes them by stream.
 * - `follower`: how far the tree has followed the log, written in the same
 *   transaction as the leaves, so a restart neither skips nor repeats one.
 * - `verifications`: the outcome of each `ledger verify`, for `ledgerIntegrity`.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS nodes (
  level INTEGER NOT NULL,
  idx   INTEGER NOT NULL,
  hash  BLOB    NOT NULL,
  PRIMARY KEY (level, idx)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS leaves (
  idx       INTEGER PRIMARY KEY,
  event_id  TEXT    NOT NULL,
  stream_id TEXT    NOT NULL,
  revision  INTEGER NOT NULL,
  position  TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS leaves_by_event ON leaves (event_id);
CREATE TABLE IF NOT EXISTS follower (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  position TEXT
);
INSERT OR IGNORE INTO follower (id, position) VALUES (1, NULL);
CREATE TABLE IF NOT EXISTS verifications (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  finished_at TEXT    NOT NULL,
  ok          INTEGER NOT NULL,
  events      INTEGER NOT NULL,
  tree_size   INTEGER NOT NULL,
  root        TEXT    NOT NULL,
  first_break TEXT,
  scope       TEXT    NOT NULL
);
`;

export type LedgerDb = Database.Database;

export function openLedgerDb(file: string): LedgerDb {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 5_000 });
  db.pragma('journal_mode = WAL');
  // Derived from the store: a power cut costs at most the last batches, which are followed again.
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  return db;
}

/** Which event a leaf is. */
export interface LeafRecord {
  index: number;
  eventId: string;
  streamId: string;
  revision: number;
  position: string;
}

export interface VerificationRecord {
  finishedAt: string;
  ok: boolean;
  events: number;
  treeSize: number;
  root: string;
  firstBreak: string | null;
  scope: string;
}

type LeafRow = { idx: number; event_id: string; stream_id: string; revision: number; position: string };
const toLeaf = (row: LeafRow | undefined): LeafRecord | undefined =>
  row && { index: row.idx, eventId: row.event_id, streamId: row.stream_id, revision: row.revision, position: row.position };

/** The ledger file's rows other than the tree's own nodes. */
export class LedgerRecords {
  private readonly sql;

  constructor(private readonly db: LedgerDb) {
    this.sql = {
      leafAt: db.prepare<[number], LeafRow>('SELECT * FROM leaves WHERE idx = ?'),
      leavesOf: db.prepare<[string], LeafRow>('SELECT * FROM leaves WHERE event_id = ? ORDER BY idx'),
      insertLeaf: db.prepare('INSERT INTO leaves (idx, event_id, stream_id, revision, position) VALUES (?, ?, ?, ?, ?)'),
      position: db.prepare<[], { position: string | null }>('SELECT position FROM follower WHERE id = 1'),
      setPosition: db.prepare('UPDATE follower SET position = ? WHERE id = 1'),
      leafOutside: db.prepare<[{ from: number; prefix: string }], { idx: number }>(
        'SELECT idx FROM leaves WHERE idx >= @from AND substr(stream_id, 1, length(@prefix)) <> @prefix LIMIT 1',
      ),
      record: db.prepare(
        `INSERT INTO verifications (finished_at, ok, events, tree_size, root, first_break, scope)
         VALUES (@finishedAt, @ok, @events, @treeSize, @root, @firstBreak, @scope)`,
      ),
      lastVerification: db.prepare<[], Omit<VerificationRecord, 'ok'> & { ok: number }>(
        `SELECT finished_at AS finishedAt, ok, events, tree_size AS treeSize, root, first_break AS firstBreak, scope
         FROM verifications ORDER BY id DESC LIMIT 1`,
      ),
    };
  }

  leafAt(index: number): LeafRecord | undefined {
    return toLeaf(this.sql.leafAt.get(index));
  }

  leavesOf(eventId: string): LeafRecord[] {
    return this.sql.leavesOf.all(eventId.toLowerCase()).map((row) => toLeaf(row)!);
  }

  addLeaf(leaf: LeafRecord): void {
    this.sql.insertLeaf.run(leaf.index, leaf.eventId.toLowerCase(), leaf.streamId, leaf.revision, leaf.position);
  }

  followedTo(): string | null {
    return this.sql.position.get()?.position ?? null;
  }

  setFollowedTo(position: string): void {
    this.sql.setPosition.run(position);
  }

  /** Whether any leaf from `index` on belongs to a stream outside `prefix` (the ledger's own streams). */
  hasLeafOutside(prefix: string, index: number): boolean {
    return this.sql.leafOutside.get({ from: index, prefix }) !== undefined;
  }

  recordVerification(record: VerificationRecord): void {
    this.sql.record.run({ ...record, ok: record.ok ? 1 : 0 });
  }

  lastVerification(): VerificationRecord | null {
    const row = this.sql.lastVerification.get();
    return row ? { ...row, ok: row.ok === 1 } : null;
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }
}
