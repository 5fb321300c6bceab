import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  type AllStreamResolvedEvent,
  type ReadPosition,
  type ReadRevision,
  jsonEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { derivedUuid } from '../derived-uuid';
import { CommandIdClaimedError, EventStoreUnavailableError, InvalidAppendError, WrongExpectedRevisionError } from '../errors';
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
import { isUnreachable, toStoreError } from './esdb-errors';
import { toEsdbExpected, toEventData, toRecorded } from './esdb-events';
import { isSystemEvent, matchesFilter, serverFilter } from './esdb-filter';
import { comparePosition, encodePosition, parsePosition, type EsdbPosition } from './esdb-position';
import { EsdbSubscription, type ResubscribeBackoff } from './esdb-subscription';
import { drain } from './drain';

export interface EsdbEventStoreOptions {
  /**
   * Prefix of every stream this store writes and the only part of `$all` it
   * reads, so several ledgers (or test runs) can share one server. Empty by
   * default: the whole server belongs to the store.
   */
  namespace?: string;
  /** Delay before reopening a dropped subscription: doubles from `initialMs` up to `maxMs`. */
  resubscribe?: Partial<ResubscribeBackoff>;
}

/** An event read from `$all`, which always carries its log position. */
type AllEvent = AllStreamResolvedEvent & { event: { position: EsdbPosition } };

/** `$all` is read in pages this big when events must be skipped client-side. */
const PAGE = 512;
/** How far back a subscription looks for its last stored event, in pages. */
const SCAN_PAGES = 4;
/**
 * The command-id index: one stream per claimed command id, `<namespace>command-id-<id>`, written once with
 * expected revision "no stream". The adapter's own: refused to writers, left out of reads of the log.
 */
const CLAIMS = 'command-id-';
const CLAIMED = 'CommandIdClaimed';

/** The production store: EventStoreDB through its gRPC client. */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly namespace: string;
  private readonly backoff: ResubscribeBackoff;
  private readonly subscriptions = new Set<EsdbSubscription>();
  private closed = false;
  /** Whether the last write or subscription reached the server, and how often it was reached again after not: for the metrics. */
  readonly connection = { connected: true, reconnects: 0 };

  constructor(connectionString: string, options: EsdbEventStoreOptions = {}) {
    this.namespace = options.namespace ?? '';
    if (this.namespace.startsWith('$')) throw new Error('an EventStoreDB namespace must not start with $');
    this.client = EventStoreDBClient.connectionString(connectionString);
    this.backoff = { initialMs: 100, maxMs: 2_000, ...options.resubscribe };
  }

  async append(streamId: string, events: readonly EventToAppend[], options: { expectedRevision?: ExpectedRevision } = {}): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    this.validate(streamId, events, expected);
    return this.write(streamId, events, expected);
  }

  private validate(streamId: string, events: unknown, expected: unknown): void {
    validateAppend(streamId, events, expected);
    if (streamId.startsWith(CLAIMS)) throw new InvalidAppendError(`streams named ${CLAIMS}... hold the command-id index; write elsewhere`);
  }

  /** One append already checked by `validateAppend`. */
  private async write(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    const stream = this.namespace + streamId;
    try {
      // EventStoreDB itself makes the same event ids at the same expected revision an idempotent no-op.
      const result = await this.client.appendToStream(stream, events.map(toEventData), {
        expectedRevision: toEsdbExpected(expected),
      });
      const revision = Number(result.nextExpectedRevision);
      // The append answer carries the write's commit position; only for a single event is that
      // surely the event's own position as reads report it, so a batch reads its last event back.
      const position = events.length === 1 && result.position ? result.position : await this.positionOf(stream, revision);
      this.reached(true);
      return { nextExpectedRevision: revision, position: encodePosition(position) };
    } catch (error) {
      if (isUnreachable(error)) this.reached(false);
      throw toStoreError(error, streamId, expected);
    }
  }

  /** EventStoreDB 6.2.1 has no multi-stream append: each append of a batch is its own write, in order. */
  readonly atomicBatches = false;

  async appendBatch(appends: readonly BatchedAppend[], options: AppendBatchOptions = {}): Promise<AppendResult[]> {
    for (const { streamId, events, expectedRevision } of appends) this.validate(streamId, events, expectedRevision ?? 'any');
    if (options.claim) validateClaim(options.claim);
    if (options.claim && appends.length > 0) await this.bind(options.claim);
    const results: AppendResult[] = [];
    for (const { streamId, events, expectedRevision } of appends) results.push(await this.write(streamId, events, expectedRevision ?? 'any'));
    return results;
  }

  /**
   * Claims the command id before the batch: the server's "no stream" check lets one claim win a race, and the
   * claim's id, derived from what it says, makes a retry of the same act an idempotent no-op. A crash after
   * the claim leaves it bound to an act not yet written; the retry of that act completes it.
   */
  private async bind(claim: CommandClaim): Promise<void> {
    this.assertOpen();
    const stream = this.namespace + CLAIMS + claim.commandId;
    const event = jsonEvent({ id: derivedUuid(CLAIMED, claim.commandId, claim.streamId, claim.digest ?? ''), type: CLAIMED, data: { ...claim } });
    try {
      await this.client.appendToStream(stream, event, { expectedRevision: NO_STREAM });
    } catch (raw) {
      const error = toStoreError(raw, stream, 'no_stream');
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      const bound = await this.findClaim(claim.commandId);
      if (!bound) throw error;
      if (!sameAct(bound, claim)) throw new CommandIdClaimedError(bound, claim);
    }
  }

  async findClaim(commandId: string): Promise<CommandClaim | undefined> {
    const [event] = await this.readStream(CLAIMS + commandId, { maxCount: 1 });
    if (event?.type !== CLAIMED) return undefined;
    const { streamId, digest } = event.data as Partial<Record<'streamId' | 'digest', string>>;
    return { commandId, streamId: streamId ?? '', digest: digest ?? null };
  }

  private async positionOf(stream: string, revision: number): Promise<EsdbPosition> {
    const [resolved] = await drain<ResolvedEvent>(this.client.readStream(stream, { fromRevision: BigInt(revision), maxCount: 1 }));
    if (resolved?.event?.position) return resolved.event.position;
    throw new EventStoreUnavailableError(`revision ${revision} of ${stream} was acknowledged but cannot be read`);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const maxCount = countOf(options.maxCount);
    let fromRevision: ReadRevision = backwards ? END : START;
    if (options.fromRevision !== undefined && Number.isFinite(options.fromRevision)) {
      const revision = Math.floor(options.fromRevision);
      if (revision >= 0) fromRevision = BigInt(revision);
      else if (backwards) return [];
    }
    if (maxCount === 0) return [];
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(this.namespace + streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision,
        maxCount,
      });
      for (const resolved of await drain<ResolvedEvent>(read)) {
        if (resolved.event) events.push(toRecorded(resolved.event, this.namespace));
      }
      return events;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw toStoreError(error);
    }
  }

  /**
   * EventStoreDB 6.2.1's `readAll` takes no filter, so `$all` is paged and
   * filtered here: system events, other namespaces and unselected events are
   * skipped until `maxCount` events are found or the log ends.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const from = options.from === undefined ? undefined : parsePosition(options.from);
    const maxCount = countOf(options.maxCount);
    const found: RecordedEvent[] = [];
    if (maxCount === 0) return found;
    for await (const resolved of this.scanAll(from, options.direction === 'backwards')) {
      const event = this.convert(resolved);
      if (event && matchesFilter(options.filter, event.type, event.streamId)) {
        found.push(event);
        if (found.length === maxCount) break;
      }
    }
    return found;
  }

  subscribeToAll(options: SubscribeOptions = {}): EventSubscription {
    this.assertOpen();
    const after = options.after === undefined ? undefined : parsePosition(options.after);
    const selects = (resolved: AllStreamResolvedEvent) =>
      this.belongs(resolved) && matchesFilter(options.filter, resolved.event!.type, this.streamIdOf(resolved));
    const subscription: EsdbSubscription = new EsdbSubscription(
      {
        open: (from, onCheckpoint) =>
          this.client.subscribeToAll({
            fromPosition: from ?? START,
            filter: serverFilter(options.filter, this.namespace, (_, position) => onCheckpoint(position)),
          }),
        lastToDeliver: (from) => this.lastSelected(from, selects),
        convert: (resolved) => (selects(resolved) ? this.convert(resolved) : undefined),
        closed: () => this.subscriptions.delete(subscription),
        reached: (ok) => this.reached(ok),
      },
      after,
      this.backoff,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Read, not counted: EventStoreDB has no count of `$all` after a position. */
  async countAfter(after: string | undefined, cap: number, filter?: EventFilter): Promise<EventsAfter> {
    const events = await this.readAll({ from: after, maxCount: cap, filter });
    return { events: events.length, firstCommittedAt: events[0]?.committedAt };
  }

  /** The last event of this store: `$all` read backwards past system events and other namespaces. */
  async headPosition(): Promise<string | undefined> {
    this.assertOpen();
    for await (const resolved of this.scanAll(undefined, true)) {
      if (this.belongs(resolved)) return encodePosition(resolved.event.position);
    }
    return undefined;
  }

  /**
   * The last event after `after` that `selects` takes, scanning `$all`
   * backwards for at most a few pages; past them, the log's last event
   * stands in (a later point, so never too early to call a subscription
   * caught up).
   */
  private async lastSelected(after: EsdbPosition | undefined, selects: (resolved: AllStreamResolvedEvent) => boolean): Promise<EsdbPosition | undefined> {
    let head: EsdbPosition | undefined;
    let scanned = 0;
    for await (const resolved of this.scanAll(undefined, true)) {
      const position = resolved.event.position;
      if (after && comparePosition(position, after) <= 0) return undefined;
      head ??= position;
      if (selects(resolved)) return position;
      if (++scanned === SCAN_PAGES * PAGE) return head;
    }
    return undefined;
  }

  private reached(ok: boolean): void {
    if (ok && !this.connection.connected) this.connection.reconnects++;
    this.connection.connected = ok;
  }

  comparePositions(a: string, b: string): number {
    return comparePosition(parsePosition(a), parsePosition(b));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  /** `$all` event by event, read in pages: forwards strictly after `from`, backwards before it. */
  private async *scanAll(from: EsdbPosition | undefined, backwards: boolean): AsyncGenerator<AllEvent> {
    let cursor = from;
    for (;;) {
      const page = await this.readAllPage(cursor, backwards, PAGE);
      for (const resolved of page) {
        const position = resolved.event.position;
        // Reading $all forwards from a position includes the event at it; our `from` excludes it.
        if (!backwards && cursor && comparePosition(position, cursor) <= 0) continue;
        cursor = position;
        yield resolved;
      }
      if (page.length < PAGE) return;
    }
  }

  private async readAllPage(from: EsdbPosition | undefined, backwards: boolean, maxCount: number): Promise<AllEvent[]> {
    const fromPosition: ReadPosition = from ?? (backwards ? END : START);
    const page: AllEvent[] = [];
    try {
      const read = this.client.readAll({ direction: backwards ? BACKWARDS : FORWARDS, fromPosition, maxCount });
      for (const resolved of await drain<AllStreamResolvedEvent>(read)) {
        if (resolved.event?.position) page.push(resolved as AllEvent);
      }
      return page;
    } catch (error) {
      throw toStoreError(error);
    }
  }

  private belongs(resolved: AllStreamResolvedEvent): boolean {
    const event = resolved.event;
    return (
      !!event && !isSystemEvent(event.type, event.streamId) && event.streamId.startsWith(this.namespace) && !event.streamId.startsWith(this.namespace + CLAIMS)
    );
  }

  private streamIdOf(resolved: AllStreamResolvedEvent): string {
    return resolved.event!.streamId.slice(this.namespace.length);
  }

  private convert(resolved: AllStreamResolvedEvent): RecordedEvent | undefined {
    return this.belongs(resolved) ? toRecorded(resolved.event!, this.namespace) : undefined;
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('the event store is closed');
  }
}

/** No count reads everything. */
function countOf(maxCount: number | undefined): number {
  return maxCount === undefined ? Number.MAX_SAFE_INTEGER : Math.max(0, Math.floor(maxCount));
}
