import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { CatchUpSubscription } from '../catch-up-subscription';
import {
  CommandIdClaimedError,
  DuplicateEventIdError,
  EventStoreError,
  EventStoreUnavailableError,
  InvalidPositionError,
  WrongExpectedRevisionError,
} from '../errors';
import {
  sameAct,
  type AppendBatchOptions,
  type AppendResult,
  type BatchedAppend,
  type CommandClaim,
  type EventFilter,
  type EventsAfter,
  type EventStore,
  type EventSubscription,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
} from '../event-store.port';
import { validateAppend, validateClaim } from '../validate-append';
import { asUnavailable, isUniqueViolation } from './sqlite-faults';
import { COMMAND_IDS_BEHIND, INDEX_UNCLAIMED_COMMAND_IDS, SCHEMA } from './schema';

export interface SqliteEventStoreOptions {
  /** Path of the database file; its folder is created when missing. */
  file: string;
  /**
   * `FULL` (default) makes every acknowledged append survive power loss as
   * well as a process crash; `NORMAL` survives only a process crash.
   */
  synchronous?: 'FULL' | 'NORMAL';
  /** How often to look for appends made by other processes sharing the file. */
  pollIntervalMs?: number;
  /** How long a writer waits for another process's write lock. */
  busyTimeoutMs?: number;
}

interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  committed_at: string;
}

const COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, committed_at';

/** An append waiting for the next group commit: its own write (a savepoint), and whom to tell. */
interface Pending {
  write: () => unknown;
  resolve: (result: never) => void;
  reject: (error: unknown) => void;
}

type Outcome = { result: unknown } | { error: unknown };

/** The embedded event store: one SQLite file in WAL mode, shareable by several processes. */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly sql: ReturnType<typeof prepare>;
  private readonly batch: Database.Transaction<(appends: readonly BatchedAppend[], claim?: CommandClaim) => AppendResult[]>;
  private readonly group: Database.Transaction<(pending: readonly Pending[]) => Outcome[]>;
  private queue: Pending[] = [];
  private readonly appended = new EventEmitter().setMaxListeners(0);
  private readonly filtered = new Map<string, Database.Statement>();
  private readonly pollIntervalMs: number;
  private pollTimer?: NodeJS.Timeout;
  private lastDataVersion = 0;
  private closed = false;

  constructor(options: SqliteEventStoreOptions) {
    mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file, { timeout: options.busyTimeoutMs ?? 5_000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.db.exec(SCHEMA);
    if ((this.db.prepare(COMMAND_IDS_BEHIND).get() as { behind: number }).behind) {
      this.db.transaction(() => this.db.exec(INDEX_UNCLAIMED_COMMAND_IDS)).immediate();
    }
    this.sql = prepare(this.db, (...args: AppendArgs) => this.appendInTransaction(...args));
    this.batch = this.db.transaction((appends: readonly BatchedAppend[], claim?: CommandClaim) => {
      if (claim) this.bind(claim);
      return appends.map((a) => this.appendInTransaction(a.streamId, a.events, a.expectedRevision ?? 'any'));
    });
    this.group = this.db.transaction((pending: readonly Pending[]) => pending.map((p) => this.writeInGroup(p)));
    this.pollIntervalMs = options.pollIntervalMs ?? 50;
    // Kept across idle periods: a commit made while nobody polled still wakes the next waiter.
    this.lastDataVersion = this.dataVersion();
  }

  async append(streamId: string, events: readonly EventToAppend[], options: { expectedRevision?: ExpectedRevision } = {}): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    validateAppend(streamId, events, expected);
    return this.enqueue(() => this.sql.transaction(streamId, events, expected));
  }

  /** One transaction: all or none, one commit and one fsync for the whole batch. */
  readonly atomicBatches = true;

  /**
   * Several appends in one transaction (a decision citing a meeting, bulk loads): each is validated and
   * checked exactly as `append` would check it, in order, and either all are written or none.
   */
  async appendBatch(appends: readonly BatchedAppend[], options: AppendBatchOptions = {}): Promise<AppendResult[]> {
    for (const { streamId, events, expectedRevision } of appends) validateAppend(streamId, events, expectedRevision ?? 'any');
    if (options.claim) validateClaim(options.claim);
    if (appends.length === 0) return [];
    return this.enqueue(() => this.batch(appends, options.claim));
  }

  /**
   * Group commit: the appends that arrive while the event loop is busy (with a commit, or with the requests that
   * lead to appends) wait for the next turn and are written together, one transaction and one fsync for all.
   * Each runs in a savepoint of its own, so its checks, its result and its refusal are its own; each resolves
   * only once the group's commit is on disk.
   */
  private enqueue<T>(write: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new EventStoreUnavailableError('event store closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => this.commitGroup());
    });
  }

  private commitGroup(): void {
    const pending = this.queue;
    this.queue = [];
    if (pending.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = asUnavailable(() => this.group.immediate(pending));
    } catch (error) {
      // Nothing of the group was committed: each append hears why, and may be retried.
      for (const p of pending) p.reject(error);
      return;
    }
    this.appended.emit('append');
    outcomes.forEach((outcome, i) => ('error' in outcome ? pending[i].reject(outcome.error) : pending[i].resolve(outcome.result as never)));
  }

  /** A refusal (our own typed error) rolls back only its savepoint; a storage fault fails the whole group. */
  private writeInGroup(pending: Pending): Outcome {
    try {
      return { result: pending.write() };
    } catch (error) {
      if (error instanceof EventStoreError) return { error };
      throw error;
    }
  }

  async findClaim(commandId: string): Promise<CommandClaim | undefined> {
    return this.sql.claimOf.get(commandId);
  }

  /** In the batch's transaction: the primary key makes one of two racing claims wait for, and see, the other. */
  private bind(claim: CommandClaim): void {
    const bound = this.sql.claimOf.get(claim.commandId);
    if (bound && !sameAct(bound, claim)) throw new CommandIdClaimedError(bound, claim);
    if (!bound) this.sql.insertClaim.run(claim);
  }

  private appendInTransaction(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): AppendResult {
    const current = this.sql.streamRevision.get(streamId)?.revision ?? -1;
    const replay = this.findEarlierAppend(streamId, events, expected);
    if (replay) return replay;
    assertExpected(streamId, expected, current);
    const committedAt = new Date().toISOString();
    let position = 0;
    events.forEach((event, index) => {
      try {
        position = Number(
          this.sql.insert.run({
            id: event.id.toLowerCase(),
            streamId,
            revision: current + 1 + index,
            type: event.type,
            data: JSON.stringify(event.data),
            metadata: JSON.stringify(event.metadata),
            committedAt,
          }).lastInsertRowid,
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw new DuplicateEventIdError(event.id);
        throw error;
      }
    });
    return { nextExpectedRevision: current + events.length, position: String(position) };
  }

  /**
   * EventStoreDB's idempotence: the same event ids appended again against the
   * same expected revision return the first append's result and write nothing.
   */
  private findEarlierAppend(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): AppendResult | undefined {
    const first = this.sql.byEventId.get(events[0].id.toLowerCase());
    if (!first || first.stream_id !== streamId) return undefined;
    const compatible =
      expected === 'any' ||
      (expected === 'no_stream' && first.revision === 0) ||
      (expected === 'stream_exists' && first.revision > 0) ||
      expected === first.revision - 1;
    if (!compatible) return undefined;
    const written = this.sql.streamForwards.all(streamId, first.revision, events.length);
    const same = written.length === events.length && written.every((row, i) => row.event_id === events[i].id.toLowerCase());
    if (!same) return undefined;
    const last = written[written.length - 1];
    return { nextExpectedRevision: last.revision, position: String(last.position), replayed: true };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = limitOf(options.maxCount);
    const rows =
      options.direction === 'backwards'
        ? this.sql.streamBackwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
        : this.sql.streamForwards.all(streamId, options.fromRevision ?? 0, limit);
    return rows.map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAllNow(options);
  }

  private readAllNow(options: ReadAllOptions): RecordedEvent[] {
    const backwards = options.direction === 'backwards';
    const from = options.from === undefined ? (backwards ? Number.MAX_SAFE_INTEGER : 0) : this.parse(options.from);
    const { sql, params } = filterClause(options.filter);
    const statement = this.filteredStatement(
      `SELECT ${COLUMNS} FROM events WHERE position ${backwards ? '<' : '>'} ? ${sql} ORDER BY position ${backwards ? 'DESC' : 'ASC'} LIMIT ?`,
    );
    return (statement.all(from, ...params, limitOf(options.maxCount)) as EventRow[]).map(toRecorded);
  }

  /** Counted from the positions alone: a probe every few milliseconds parses nothing. */
  async countAfter(after: string | undefined, cap: number, filter?: EventFilter): Promise<EventsAfter> {
    const from = after === undefined ? 0 : this.parse(after);
    const { sql, params } = filterClause(filter);
    const counted = this.filteredStatement(`SELECT count(*) AS n FROM (SELECT 1 FROM events WHERE position > ? ${sql} LIMIT ?)`);
    const first = this.filteredStatement(`SELECT committed_at FROM events WHERE position > ? ${sql} ORDER BY position LIMIT 1`);
    const events = (counted.get(from, ...params, limitOf(cap)) as { n: number }).n;
    const firstRow = events === 0 ? undefined : (first.get(from, ...params) as { committed_at: string });
    return { events, firstCommittedAt: firstRow?.committed_at };
  }

  /** A statement over the log with a filter's clause, prepared once per text. */
  private filteredStatement(sql: string): Database.Statement {
    let statement = this.filtered.get(sql);
    if (!statement) this.filtered.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  subscribeToAll(options: SubscribeOptions = {}): EventSubscription {
    if (options.after !== undefined) this.parse(options.after);
    return new CatchUpSubscription(
      {
        readAfter: async (after, limit) => {
          // The head first: whatever another process commits meanwhile lies beyond it, and is read next time.
          const head = options.filter && this.sql.head.get()?.position;
          const events = this.readAllNow({ from: after, maxCount: limit, filter: options.filter });
          const last = events.at(-1);
          const beyond = head == null || (last !== undefined && Number(last.position) > head);
          return { events, scannedTo: beyond ? undefined : String(head) };
        },
        waitForChange: (signal) => this.waitForChange(signal),
      },
      options.after,
    );
  }

  async headPosition(): Promise<string | undefined> {
    const position = this.sql.head.get()?.position;
    return position == null ? undefined : String(position);
  }

  comparePositions(a: string, b: string): number {
    return this.parse(a) - this.parse(b);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Appends already accepted are written before the file is let go.
    this.commitGroup();
    this.closed = true;
    clearInterval(this.pollTimer);
    this.appended.emit('append');
    this.db.close();
  }

  private parse(position: string): number {
    if (typeof position !== 'string' || !/^\d{1,15}$/.test(position)) throw new InvalidPositionError(position);
    return Number(position);
  }

  /** Wakes on appends of this process at once, and on other processes' commits at the next poll. */
  private waitForChange(signal: AbortSignal): Promise<void> {
    if (this.closed || signal.aborted) return Promise.resolve();
    this.startPolling();
    return new Promise((resolve) => {
      const done = () => {
        this.appended.off('append', done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.appended.once('append', done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /** Polls only while someone waits, so an idle store keeps no timer (and no process) alive. */
  private startPolling(): void {
    if (this.pollTimer) return;
    this.pollTimer = setInterval(() => {
      if (this.closed || this.appended.listenerCount('append') === 0) {
        clearInterval(this.pollTimer);
        this.pollTimer = undefined;
        return;
      }
      const version = this.dataVersion();
      if (version !== this.lastDataVersion) {
        this.lastDataVersion = version;
        this.appended.emit('append');
      }
    }, this.pollIntervalMs);
  }

  /** Changes whenever another connection commits to the file. */
  private dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }
}

function assertExpected(streamId: string, expected: ExpectedRevision, current: number): void {
  const ok = expected === 'any' || (expected === 'no_stream' && current === -1) || (expected === 'stream_exists' && current >= 0) || expected === current;
  if (!ok) throw new WrongExpectedRevisionError(streamId, expected, current === -1 ? 'no_stream' : current);
}

function filterClause(filter: EventFilter | undefined): { sql: string; params: string[] } {
  const types = filter?.eventTypes ?? [];
  const prefixes = filter?.streamPrefixes ?? [];
  if (types.length === 0 && prefixes.length === 0) return { sql: '', params: [] };
  const parts = [
    ...(types.length ? [`type IN (${types.map(() => '?').join(', ')})`] : []),
    ...prefixes.map(() => 'substr(stream_id, 1, length(?1)) = ?1'.replace(/\?1/g, '?')),
  ];
  return { sql: `AND (${parts.join(' OR ')})`, params: [...types, ...prefixes.flatMap((p) => [p, p])] };
}

/** SQLite reads LIMIT -1 as no limit. */
function limitOf(maxCount: number | undefined): number {
  return maxCount === undefined ? -1 : Math.max(0, Math.floor(maxCount));
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    data: JSON.parse(row.data) as RecordedEvent['data'],
    metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
    streamId: row.stream_id,
    revision: row.revision,
    position: String(row.position),
    committedAt: row.committed_at,
  };
}

type AppendArgs = [streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision];

function prepare(db: Database.Database, append: (...args: AppendArgs) => AppendResult) {
  return {
    transaction: db.transaction(append),
    streamRevision: db.prepare<[string], { revision: number | null }>('SELECT max(revision) AS revision FROM events WHERE stream_id = ?'),
    byEventId: db.prepare<[string], EventRow>(`SELECT ${COLUMNS} FROM events WHERE event_id = ?`),
    insert: db.prepare(
      `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, committed_at)
       VALUES (@id, @streamId, @revision, @type, @data, @metadata, @committedAt)`,
    ),
    streamForwards: db.prepare<[string, number, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    ),
    streamBackwards: db.prepare<[string, number, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
    ),
    head: db.prepare<[], { position: number | null }>('SELECT max(position) AS position FROM events'),
    claimOf: db.prepare<[string], CommandClaim>('SELECT command_id AS commandId, stream_id AS streamId, digest FROM command_ids WHERE command_id = ?'),
    insertClaim: db.prepare<[CommandClaim]>('INSERT INTO command_ids (command_id, stream_id, digest) VALUES (@commandId, @streamId, @digest)'),
  };
}
