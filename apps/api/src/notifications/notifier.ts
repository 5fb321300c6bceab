import { LogFollower, pagesOf, type EventFilter, type EventStore, type RecordedEvent } from '@ddr/event-store';
import type { Body, CalendarDate, EventMetadata, Upcasters } from '@ddr/kernel';
import {
  NOTIFICATIONS_STREAM_PREFIX,
  WATCHED_STREAM_PREFIXES,
  Watch,
  awaitingBodies,
  readNotificationEvent,
  webhookId,
  webhookPayload,
  type DecidedStep,
  type LoggedFact,
  type Notice,
  type NotificationChange,
} from '@ddr/notifications';
import type { NotificationsDb } from './notifications-db';
import { SLICE_MS, Slices } from './slices';
import { WatchedChronicles, isChronicleHead, type ChronicleHead } from './watched-chronicles';

interface NotifierOptions {
  witnesses: readonly Body[];
  onError?(error: unknown): void;
  /** After every transaction that queued deliveries or changed an endpoint: the dispatcher wakes. */
  onQueued?(): void;
  /** How many watched chronicles are held parsed at most (WATCH_CAPACITY); the others are read from `watched`. */
  watchCapacity?: number;
  /** About how long a slice of reading the watch at start, or of a sweep of the deadlines, holds the thread (SLICE_MS). */
  sliceMs?: number;
}

/**
 * Follows the log (with the one `LogFollower`) into `notifications.sqlite`:
 * each batch folds the domain's streams into the watch, turns what changed
 * into notices, queues one delivery per notice per endpoint that wants it,
 * and applies the notifications streams' registrations, all in one
 * transaction with the follower's position. After a SIGKILL the follower
 * resumes from that position: a notice is queued once, with an id derived
 * from the event that caused it.
 */
/** Stored watch entries read at a time at start (a few milliseconds' work), slices of them between turns of the event loop. */
const WATCH_PAGE = 100;
/** Watched chronicles held parsed: the streams in use; memory stays flat however many the log holds. */
const WATCH_CAPACITY = 2_000;

export class Notifier {
  readonly follower: LogFollower;
  /** The streams it follows: the domain's watched streams and the notifications streams. */
  readonly followed: EventFilter = { streamPrefixes: [...WATCHED_STREAM_PREFIXES, NOTIFICATIONS_STREAM_PREFIX] };
  private watch: Watch;
  /** The watch's chronicles as the file stores them. */
  readonly chronicles: WatchedChronicles;

  constructor(
    private readonly store: EventStore,
    readonly db: NotificationsDb,
    private readonly upcasters: Upcasters,
    private readonly options: NotifierOptions,
  ) {
    this.chronicles = new WatchedChronicles(db);
    // Not indexed until `loadWatch`, which runs behind the server's start: a long log's watch takes seconds to read.
    this.watch = this.fileWatch();
    this.follower = new LogFollower(store, {
      checkpoint: () => this.position() ?? undefined,
      apply: (events) => this.apply(events),
      filter: this.followed,
      onError: (error) => options.onError?.(error),
    });
  }

  position(): string | null {
    return (this.db.prepare('SELECT position FROM follower WHERE id = 1').get() as { position: string | null }).position;
  }

  /** The watch as of the follower's position: what digests read. */
  get watched(): Watch {
    return this.watch;
  }

  apply(events: readonly RecordedEvent[]): void {
    let queued = 0;
    try {
      this.db.transaction(() => {
        let followed = this.position();
        for (const event of events) {
          if (followed !== null && this.store.comparePositions(event.position, followed) <= 0) continue;
          queued += this.applyOne(event);
          followed = event.position;
        }
        this.saveWatch();
        this.db.prepare('UPDATE follower SET position = ? WHERE id = 1').run(followed);
      })();
    } catch (error) {
      // Rolled back: the watch must again be what the file says.
      this.chronicles.rolledBack();
      this.watch.rollBack(events.map((event) => event.streamId));
      throw error;
    }
    if (queued > 0) this.options.onQueued?.();
  }

  /**
   * Indexes the stored watch, a page at a time so that requests go on meanwhile. Run before the follower
   * starts. A file written before the watch kept its streams' chronicles holds bare states, which cannot
   * be corrected or refolded: the watched streams are folded again up to the follower's position,
   * telling nothing (what they caused was told then). That fold, once per older file, holds them all.
   * Once `stop` is aborted (shutdown) the indexing ends at its next slice.
   */
  async loadWatch(stop?: AbortSignal): Promise<void> {
    const indexed = await this.indexWatched(stop);
    if (indexed || stop?.aborted) return;
    const until = this.position();
    const watch = new Watch(this.options.witnesses);
    const filter = { streamPrefixes: [...WATCHED_STREAM_PREFIXES] };
    if (until !== null) {
      for await (const page of pagesOf(this.store, { filter })) {
        const followed = page.filter((event) => this.store.comparePositions(event.position, until) <= 0);
        for (const event of followed) watch.tell(this.factOf(event));
        if (followed.length < page.length) break;
      }
    }
    this.db.transaction(() => {
      this.chronicles.clear();
      this.saveWatch(watch.changed());
    })();
    await this.indexWatched(stop);
  }

  /**
   * A watch over the file: it holds the indexes `loadWatch` builds and the chronicles it used last, and
   * reads the others from the file (a changed chronicle is written there in the transaction that changed it).
   */
  private fileWatch(): Watch {
    const awaiting = this.db.prepare('SELECT stream_id FROM awaiting WHERE body = ? ORDER BY stream_id').pluck();
    return new Watch(this.options.witnesses, {
      chronicle: (streamId) => this.chronicles.read(streamId),
      awaiting: (body) => awaiting.all(body) as string[],
      capacity: this.options.watchCapacity ?? WATCH_CAPACITY,
    });
  }

  /** Indexes every stored chronicle's head into a new watch and derives `awaiting` from them; false when the file holds bare states. */
  private async indexWatched(stop?: AbortSignal): Promise<boolean> {
    const watch = this.fileWatch();
    const slices = new Slices(this.options.sliceMs ?? SLICE_MS);
    this.db.prepare('DELETE FROM awaiting').run();
    for (const stored of this.chronicles.pages(WATCH_PAGE)) {
      if (!stored.every(([, head]) => isChronicleHead(head))) return false;
      const heads = stored as Array<[string, ChronicleHead]>;
      for (const [streamId, head] of heads) watch.remember(streamId, head);
      this.db.transaction(() => this.saveAwaiting(heads))();
      if (slices.spent) await slices.next();
      // Stopped at shutdown: the file keeps what it holds, and the next start reads it again.
      if (stop?.aborted) return true;
    }
    this.watch = watch;
    return true;
  }

  private saveWatch(changed = this.watch.changed()): void {
    this.chronicles.save(changed);
    const clear = this.db.prepare('DELETE FROM awaiting WHERE stream_id = ?');
    for (const [streamId] of changed) clear.run(streamId);
    this.saveAwaiting(changed);
  }

  /** The bodies each instrument's steps await, for their digests. */
  private saveAwaiting(chronicles: ReadonlyArray<[string, ChronicleHead]>): void {
    const add = this.db.prepare('INSERT INTO awaiting (body, stream_id) VALUES (?, ?)');
    for (const [streamId, chronicle] of chronicles) for (const body of awaitingBodies(streamId, chronicle)) add.run(body, streamId);
  }

  /**
   * Tells what the calendar brings on `today` (deadlines near or passed), once each; resolves with the
   * deliveries queued. Once `stop` is aborted it ends after the slice in hand; the next sweep tells the rest.
   */
  async tellDeadlines(today: CalendarDate, nearDays: number, stop?: AbortSignal): Promise<number> {
    let queued = 0;
    await this.sweepDeadlines(
      today,
      nearDays,
      (notices) => (queued += this.db.transaction(() => notices.reduce((n, notice) => n + this.queue(notice), 0))()),
      stop,
    );
    if (queued > 0) this.options.onQueued?.();
    return queued;
  }

  /** The watch's deadlines on `today` (`Watch.deadlines`), swept a slice at a time: what the digests list. */
  async deadlinesOn(today: CalendarDate, nearDays: number): Promise<Notice[]> {
    const all: Notice[] = [];
    await this.sweepDeadlines(today, nearDays, (notices) => all.push(...notices));
    return all;
  }

  /** Hands `take` the deadlines' notices a slice at a time: on a long log the sweep reads tens of thousands of chronicles. */
  private async sweepDeadlines(today: CalendarDate, nearDays: number, take: (notices: Notice[]) => void, stop?: AbortSignal): Promise<void> {
    const sweep = this.watch.deadlinesByStream(today, nearDays);
    const slices = new Slices(this.options.sliceMs ?? SLICE_MS);
    for (let swept = false; !swept;) {
      const notices: Notice[] = [];
      for (let next = sweep.next(); !(swept = next.done === true); next = sweep.next()) {
        notices.push(...next.value);
        if (slices.spent) break;
      }
      take(notices);
      if (stop?.aborted) return;
      if (!swept) await slices.next();
    }
  }

  private applyOne(event: RecordedEvent): number {
    const change = readNotificationEvent(event);
    if (change) {
      this.register(change, event);
      // A resumed endpoint or a redelivery has messages to send.
      return 1;
    }
    const notices = this.watch.tell(this.factOf(event));
    if (event.type === 'StepDecided') this.recordDecision(event, event.metadata as unknown as EventMetadata);
    const { traceparent } = event.metadata;
    return notices.reduce((n, notice) => n + this.queue(notice, typeof traceparent === 'string' ? traceparent : null), 0);
  }

  private factOf(event: RecordedEvent): LoggedFact {
    const { effectiveDate, body } = event.metadata as unknown as EventMetadata;
    const data = this.upcasters.upcast(event);
    return { id: event.id, type: event.type, streamId: event.streamId, position: event.position, data, effectiveDate, recordedBy: body ?? null };
  }

  /**
   * Stores the notice (once: its id is unique) and queues it for every endpoint of its body that wants its kind;
   * `traceparent`, the trace of the event that caused it, is the parent of its deliveries' spans.
   */
  private queue(notice: Notice, traceparent: string | null = null): number {
    const endpoints = this.db
      .prepare("SELECT id, kinds FROM endpoints WHERE body = ? AND status <> 'REMOVED'")
      .all(notice.body)
      .filter((row) => (JSON.parse((row as { kinds: string }).kinds) as string[]).includes(notice.kind)) as Array<{ id: string }>;
    // What no endpoint wants is not kept, except deadlines, whose ids say what was already told.
    if (endpoints.length === 0 && notice.position !== null) return 0;
    const createdAt = new Date().toISOString();
    const inserted = this.db
      .prepare('INSERT OR IGNORE INTO notices (id, kind, body, position, payload, created_at, traceparent) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(notice.id, notice.kind, notice.body, notice.position, JSON.stringify(webhookPayload(notice, createdAt)), createdAt, traceparent);
    if (inserted.changes === 0) return 0;
    const add = this.db.prepare('INSERT INTO deliveries (endpoint_id, seq, webhook_id) VALUES (?, ?, ?)');
    for (const endpoint of endpoints) add.run(endpoint.id, inserted.lastInsertRowid, webhookId(endpoint.id, notice.id));
    return endpoints.length;
  }

  private register(change: NotificationChange, event: RecordedEvent): void {
    const { recordedAt, actor } = event.metadata as unknown as EventMetadata;
    const status = (id: string, value: string) =>
      this.db.prepare("UPDATE endpoints SET status = ?, failing_since = NULL WHERE id = ? AND status <> 'REMOVED'").run(value, id);
    switch (change.type) {
      case 'WebhookEndpointRegistered': {
        const { endpointId, body, url, kinds, sealedSecret } = change.data;
        this.db
          .prepare(
            "INSERT OR IGNORE INTO endpoints (id, body, url, kinds, sealed_secret, status, registered_at, registered_by) VALUES (?, ?, ?, ?, ?, 'ACTIVE', ?, ?)",
          )
          .run(endpointId, body, url, JSON.stringify(kinds), sealedSecret, recordedAt, actor);
        return;
      }
      case 'WebhookEndpointPaused':
        status(change.data.endpointId, 'PAUSED');
        return;
      case 'WebhookEndpointResumed':
        status(change.data.endpointId, 'ACTIVE');
        // Resumes where it stopped: the message it failed on is tried again at once, with a fresh count.
        this.db.prepare('UPDATE deliveries SET failures = 0, next_attempt_at = 0 WHERE endpoint_id = ? AND delivered_at IS NULL').run(change.data.endpointId);
        return;
      case 'WebhookSecretRotated':
        this.db
          .prepare('UPDATE endpoints SET previous_sealed = sealed_secret, sealed_secret = ?, rotated_at = ? WHERE id = ?')
          .run(change.data.sealedSecret, recordedAt, change.data.endpointId);
        return;
      case 'WebhookEndpointRemoved':
        status(change.data.endpointId, 'REMOVED');
        this.db.prepare('DELETE FROM deliveries WHERE endpoint_id = ? AND delivered_at IS NULL').run(change.data.endpointId);
        return;
      case 'WebhookRedeliveryRequested':
        this.redeliver(change.data.endpointId, change.data.fromPosition);
        return;
      case 'DigestSubscribed': {
        const { subscriptionId, body, email, frequency, language } = change.data;
        this.db
          .prepare('INSERT OR IGNORE INTO digest_subscriptions (id, body, email, frequency, language, subscribed_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(subscriptionId, body, email, frequency, language, recordedAt);
        return;
      }
      case 'DigestCancelled':
        this.db.prepare('UPDATE digest_subscriptions SET cancelled = 1 WHERE id = ?').run(change.data.subscriptionId);
        return;
    }
  }

  /** Every delivery to the endpoint of a notice at or after `from` is sent again, in order, with its own webhook-id. */
  private redeliver(endpointId: string, from: string): void {
    const rows = this.db
      .prepare('SELECT d.seq, n.position FROM deliveries d JOIN notices n ON n.seq = d.seq WHERE d.endpoint_id = ? AND n.position IS NOT NULL')
      .all(endpointId) as Array<{ seq: number; position: string }>;
    const again = this.db.prepare('UPDATE deliveries SET delivered_at = NULL, failures = 0, next_attempt_at = 0 WHERE endpoint_id = ? AND seq = ?');
    for (const row of rows) if (this.store.comparePositions(row.position, from) >= 0) again.run(endpointId, row.seq);
  }

  private recordDecision(event: RecordedEvent, metadata: EventMetadata): void {
    // By its stream, not a search of every instrument: a decision on each of a million events.
    const instrument = this.watch.instrumentOf(event.streamId);
    if (!instrument) return;
    const { body, action, outcome } = event.data as { body: Body; action: string; outcome: string };
    const record: DecidedStep = {
      instrumentId: instrument.id,
      title: instrument.title,
      decidedBy: body,
      action,
      outcome,
      on: metadata.effectiveDate,
      // A restricted instrument concerns only the bodies that may read it.
      concerns: this.watch.mayBeReadBy(event.streamId) ?? [...new Set([instrument.leadBody, ...instrument.pathway.map((s) => s.body)])],
    };
    this.db.prepare('INSERT INTO decisions (position, recorded_at, record) VALUES (?, ?, ?)').run(event.position, metadata.recordedAt, JSON.stringify(record));
  }
}
