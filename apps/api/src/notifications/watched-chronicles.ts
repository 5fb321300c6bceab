import type { ChronicleEntry, DomainEvent } from '@ddr/kernel';
import type { WatchedChronicle } from '@ddr/notifications';
import type { NotificationsDb } from './notifications-db';

/** A chronicle as `watched` stores it: its state and last date; its entries are rows of `watched_entries`. */
export type ChronicleHead = Omit<WatchedChronicle, 'entries'>;
type Entry = ChronicleEntry<DomainEvent>;

/** Whether a stored `watched` row is a chronicle's head, or a whole chronicle as files before `watched_entries` kept them. */
export const isChronicleHead = (stored: unknown): stored is ChronicleHead => typeof stored === 'object' && stored !== null && 'lastDate' in stored;

/**
 * The watch's chronicles in `notifications.sqlite`: each stream's head in `watched`, its entries in
 * `watched_entries`, one row per revision. An event changes one or two entries, so a stream's save
 * writes those and its head, not every act again: the whole chronicle, rewritten at each event, grew
 * with the stream (8 KB after 25 acts) and was 8 % of a mutation's time. Entries never change in place
 * (a correction makes new ones), so an entry object once written or read is in the file as it is.
 */
export class WatchedChronicles {
  /** Entries the file holds as they are; forgotten when a transaction that wrote some rolls back. */
  private inFile = new WeakSet<Entry>();
  private readonly head;
  private readonly entries;
  private readonly saveHead;
  private readonly saveEntry;

  constructor(private readonly db: NotificationsDb) {
    this.head = db.prepare('SELECT state FROM watched WHERE stream_id = ?').pluck();
    this.entries = db.prepare('SELECT entry FROM watched_entries WHERE stream_id = ? ORDER BY revision').pluck();
    this.saveHead = db.prepare('INSERT INTO watched (stream_id, state) VALUES (?, ?) ON CONFLICT (stream_id) DO UPDATE SET state = excluded.state');
    this.saveEntry = db.prepare('INSERT OR REPLACE INTO watched_entries (stream_id, revision, entry) VALUES (?, ?, ?)');
  }

  read(streamId: string): WatchedChronicle | undefined {
    const stored = this.head.get(streamId) as string | undefined;
    if (stored === undefined) return undefined;
    const head = JSON.parse(stored) as ChronicleHead | WatchedChronicle;
    // A whole chronicle from an older file: its entries are written at its next save.
    if ('entries' in head) return head;
    const entries = JSON.parse(`[${(this.entries.all(streamId) as string[]).join(',')}]`) as Entry[];
    for (const entry of entries) this.inFile.add(entry);
    return { ...head, entries };
  }

  /** Writes each chronicle's head and the entries the file does not hold as they are. */
  save(changed: ReadonlyArray<[string, WatchedChronicle]>): void {
    for (const [streamId, { entries, ...head }] of changed) {
      this.saveHead.run(streamId, JSON.stringify(head));
      for (const entry of entries) {
        if (this.inFile.has(entry)) continue;
        this.saveEntry.run(streamId, entry.revision, JSON.stringify(entry));
        this.inFile.add(entry);
      }
    }
  }

  /** What was written since the last commit did not reach the file. */
  rolledBack(): void {
    this.inFile = new WeakSet();
  }

  clear(): void {
    this.db.prepare('DELETE FROM watched').run();
    this.db.prepare('DELETE FROM watched_entries').run();
  }

  /** Every stream's stored head (or older whole chronicle, or older bare state), `size` at a time in stream order. */
  *pages(size: number): Generator<Array<[string, unknown]>> {
    const next = this.db.prepare('SELECT stream_id, state FROM watched WHERE stream_id > ? ORDER BY stream_id LIMIT ?');
    type Row = { stream_id: string; state: string };
    for (let page = next.all('', size) as Row[]; page.length > 0; page = next.all(page[page.length - 1].stream_id, size) as Row[]) {
      yield page.map((row) => [row.stream_id, JSON.parse(row.state)]);
    }
  }
}
