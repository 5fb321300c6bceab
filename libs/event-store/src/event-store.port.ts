import type { JsonObject } from '@ddr/kernel';

/**
 * The expected state of a stream before an append (optimistic concurrency):
 * `any` skips the check, `no_stream` requires the stream not to exist,
 * `stream_exists` requires at least one event, a number requires the stream's
 * last revision to be exactly that (revisions start at 0).
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

/** An event as a writer proposes it. `id` is a UUID chosen by the writer. */
export interface EventToAppend {
  id: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
}

/**
 * An event as the store recorded it. `position` is an opaque token for the
 * event's place in the global log: compare positions only with the store's
 * `comparePositions`, never as strings or numbers.
 */
export interface RecordedEvent extends EventToAppend {
  streamId: string;
  revision: number;
  position: string;
  /** ISO instant at which the store committed the event. */
  committedAt: string;
}

export interface AppendResult {
  /** The stream's revision after the append (the last event's revision). */
  nextExpectedRevision: number;
  /** Global position of the last appended event. */
  position: string;
  /**
   * True when these very events were recorded already (a retry, perhaps sent at the same time as the first)
   * and nothing was written. A store that cannot tell (EventStoreDB answers a retry as a write) leaves it out.
   */
  replayed?: true;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  direction?: Direction;
  /** Inclusive; defaults to the start (forwards) or the end (backwards). */
  fromRevision?: number;
  maxCount?: number;
}

/** What `countAfter` finds after a position. */
export interface EventsAfter {
  /** Up to the cap asked for. */
  events: number;
  /** When the first of them was committed; undefined when there are none. */
  firstCommittedAt?: string;
}

/** Selects events of the global log: any listed type OR any listed stream prefix. */
export interface EventFilter {
  eventTypes?: readonly string[];
  streamPrefixes?: readonly string[];
}

export interface ReadAllOptions {
  direction?: Direction;
  /** Exclusive bound: forwards reads the events after it, backwards the events before it. */
  from?: string;
  maxCount?: number;
  filter?: EventFilter;
}

export interface SubscribeOptions {
  /** Exclusive: the subscription delivers events strictly after this position. */
  after?: string;
  filter?: EventFilter;
}

/**
 * A catch-up subscription: it delivers the stored history after its start
 * position, then new events as they are appended, in global order, each once.
 */
export interface EventSubscription extends AsyncIterable<RecordedEvent> {
  /** Resolves once the subscription has delivered everything stored when it started. */
  readonly caughtUp: Promise<void>;
  close(): Promise<void>;
}

/** One append of a batch: what `append` takes, as a value. */
export interface BatchedAppend {
  streamId: string;
  events: readonly EventToAppend[];
  expectedRevision?: ExpectedRevision;
}

/**
 * A command id bound to the act it was first used for: the stream the command decided on and the digest of
 * what it said. A command id names one act in the whole log, not only in one stream.
 */
export interface CommandClaim {
  commandId: string;
  streamId: string;
  /** Null for acts recorded before commands carried a digest: their content cannot be compared. */
  digest: string | null;
}

/** Whether a claim and an attempt are the same act (a retry), so the attempt may go on. */
export function sameAct(claim: CommandClaim, attempt: CommandClaim): boolean {
  return claim.streamId === attempt.streamId && (claim.digest === null || attempt.digest === null || claim.digest === attempt.digest);
}

export interface AppendBatchOptions {
  /**
   * Binds the command id to this act before anything of the batch is written; when it is bound to another act
   * already, the batch is refused with `CommandIdClaimedError` and nothing of it is written. An atomic store binds
   * it in the batch's transaction; EventStoreDB binds it first, in a write of its own (docs/eventstoredb.md).
   */
  claim?: CommandClaim;
}

export interface EventStore {
  append(streamId: string, events: readonly EventToAppend[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult>;
  /**
   * Several appends, in order, each checked as `append` checks it. When `atomicBatches` is true (SQLite: one
   * transaction, one fsync) either all are written or none; when false (EventStoreDB 6.2.1 has no multi-stream
   * append) each is its own write and a failure leaves the appends before it written, so a caller orders a batch
   * so that every prefix of it is a true state.
   */
  appendBatch(appends: readonly BatchedAppend[], options?: AppendBatchOptions): Promise<AppendResult[]>;
  readonly atomicBatches: boolean;
  /** The act a command id is bound to (`appendBatch`'s `claim`), or undefined when no batch claimed it. */
  findClaim(commandId: string): Promise<CommandClaim | undefined>;
  /** Events of one stream; an empty array when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeOptions): EventSubscription;
  /** Position of the last event in the global log, undefined when the log is empty. */
  headPosition(): Promise<string | undefined>;
  /**
   * The events after `after` (from the start when undefined) that `filter` selects, counted up to `cap`, and when
   * the first of them was committed: how far a follower is behind. Health probes ask it often, for every
   * follower, so an adapter that can counts without reading the events.
   */
  countAfter(after: string | undefined, cap: number, filter?: EventFilter): Promise<EventsAfter>;
  /** Orders two positions of this store: negative, zero or positive. */
  comparePositions(a: string, b: string): number;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
