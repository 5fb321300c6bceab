import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';

/** A decided state as stored: the stream, the version of what folded it, its revision, and the state as JSON. */
export interface Snapshot {
  streamId: string;
  /** The decider's version (and the upcasters' versions): a snapshot of another version is never read. */
  version: string;
  revision: number;
  body: string;
}

/**
 * Stored snapshots of decided states, so that a command on a long stream after a restart folds only the events
 * after its snapshot. A cache, not a record: the log stays the truth, a snapshot is checked against it when read
 * (its last event must still be where it was), and losing one costs only a longer fold.
 */
export interface SnapshotStore {
  /** The stream's snapshot of this version, or undefined (none, or one of another version: discarded). */
  read(streamId: string, version: string): Snapshot | undefined;
  write(snapshot: Snapshot): void;
  close(): void;
}

/** Snapshots in a SQLite file of their own beside the log (`DATA_DIR/snapshots.sqlite`), one row per stream. */
export class SqliteSnapshotStore implements SnapshotStore {
  private opened?: { db: Database.Database; select: Database.Statement<[string], Snapshot>; upsert: Database.Statement<[Snapshot]> };

  /** The file is opened at the first snapshot read or written: a process that decides nothing creates none. */
  constructor(private readonly file: string) {}

  read(streamId: string, version: string): Snapshot | undefined {
    const snapshot = this.open().select.get(streamId);
    return snapshot?.version === version ? snapshot : undefined;
  }

  write(snapshot: Snapshot): void {
    this.open().upsert.run(snapshot);
  }

  close(): void {
    this.opened?.db.close();
    this.opened = undefined;
  }

  private open() {
    if (this.opened) return this.opened;
    mkdirSync(dirname(this.file), { recursive: true });
    const db = new Database(this.file, { timeout: 5_000 });
    db.pragma('journal_mode = WAL');
    // A cache: a write lost to a power cut costs a longer fold, so no fsync per snapshot.
    db.pragma('synchronous = NORMAL');
    db.exec(`CREATE TABLE IF NOT EXISTS snapshots (
      stream_id TEXT PRIMARY KEY, version TEXT NOT NULL, revision INTEGER NOT NULL, body TEXT NOT NULL
    ) WITHOUT ROWID`);
    this.opened = {
      db,
      select: db.prepare('SELECT stream_id AS streamId, version, revision, body FROM snapshots WHERE stream_id = ?'),
      upsert: db.prepare(
        `INSERT INTO snapshots (stream_id, version, revision, body) VALUES (@streamId, @version, @revision, @body)
         ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, revision = excluded.revision, body = excluded.body`,
      ),
    };
    return this.opened;
  }
}

export const DECIDED_STATE_SNAPSHOTS = Symbol('DECIDED_STATE_SNAPSHOTS');

/** The snapshots' file in a data directory. */
export const snapshotsFile = (dataDir: string) => join(dataDir, 'snapshots.sqlite');
