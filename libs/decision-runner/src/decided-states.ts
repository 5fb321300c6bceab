import type { RecordedEvent, SnapshotStore } from '@ddr/event-store';
import { chainLinkOf, type ChainLink } from '@ddr/ledger';
import type { Decider } from '@ddr/kernel';

/** A stream's state as its decider folded it up to a revision, with what the next command needs of its history. */
export interface DecidedState<State> {
  state: State;
  /** The revision of the last event folded. */
  revision: number;
  /** That event: its id (checked against the store before the state is used again), position and chain link. */
  last: { id: string; position: string; link: ChainLink };
  /**
   * The command ids recorded on the stream: only one of these can be a retry, which then reads the whole stream.
   * Shared by the states of one stream as it grows: an id from a later revision is a true id of the stream.
   */
  commandIds: Set<string>;
}

/** What the states need of a decider: it names the key, and its version the stored snapshots. */
type Versioned = Pick<Decider<never, never, unknown>, 'version'>;

/** A decided state as a stored snapshot holds it. */
interface StoredState {
  state: unknown;
  last: DecidedState<unknown>['last'];
  commandIds: string[];
}

export interface DecidedStatesOptions {
  /** Streams kept in memory, least recently used dropped first. */
  capacity?: number;
  snapshots?: SnapshotStore;
  /** Events folded since the last stored snapshot before the next is written (and at least a quarter of the stream). */
  snapshotEvery?: number;
  /** Added to each decider's version in stored snapshots: the upcasters in force change what a decider folds. */
  upcasting?: string;
}

/**
 * Decided states by decider and stream: in memory (bounded, least recently used out first) and, for deciders with
 * a `version`, as stored snapshots. A state is a starting point, never the answer: the runner reads the stream from
 * the state's revision, checks that the store still has the state's last event there, and folds what follows.
 */
export class DecidedStates {
  private readonly held = new Map<string, DecidedState<unknown>>();
  private readonly deciderKeys = new WeakMap<object, number>();
  private deciders = 0;
  /** Per stream key: the revision of its last stored snapshot. */
  private readonly stored = new Map<string, number>();
  private readonly capacity: number;
  private readonly snapshotEvery: number;

  constructor(private readonly options: DecidedStatesOptions = {}) {
    this.capacity = options.capacity ?? 1_000;
    this.snapshotEvery = options.snapshotEvery ?? 1_000;
  }

  get<State>(decider: Versioned, streamId: string): DecidedState<State> | undefined {
    const key = this.key(decider, streamId);
    const held = this.held.get(key);
    if (held) {
      // Most recently used last.
      this.held.delete(key);
      this.held.set(key, held);
      return held as DecidedState<State>;
    }
    return this.fromSnapshot(decider, streamId, key);
  }

  set<State>(decider: Versioned, streamId: string, decided: DecidedState<State>): void {
    const key = this.key(decider, streamId);
    const held = this.held.get(key);
    // Two commands that folded the same stream at once: the later revision stays.
    if (held && held.revision > decided.revision) return;
    this.held.delete(key);
    this.held.set(key, decided);
    if (this.held.size > this.capacity) {
      const oldest = this.held.keys().next().value as string;
      this.held.delete(oldest);
      this.stored.delete(oldest);
    }
    this.maybeStore(decider, streamId, key, decided);
  }

  /** A state the store no longer bears out (another file under the same name): dropped, the fold starts over. */
  forget(decider: Versioned, streamId: string): void {
    const key = this.key(decider, streamId);
    this.held.delete(key);
    this.stored.delete(key);
  }

  private key(decider: object, streamId: string): string {
    let id = this.deciderKeys.get(decider);
    if (id === undefined) this.deciderKeys.set(decider, (id = this.deciders++));
    return `${id} ${streamId}`;
  }

  private version(decider: Versioned): string | undefined {
    return decider.version === undefined ? undefined : `${decider.version} ${this.options.upcasting ?? ''}`;
  }

  private fromSnapshot<State>(decider: Versioned, streamId: string, key: string): DecidedState<State> | undefined {
    const version = this.version(decider);
    const snapshot = version === undefined ? undefined : this.options.snapshots?.read(streamId, version);
    if (!snapshot) return undefined;
    const stored = JSON.parse(snapshot.body) as StoredState;
    this.stored.set(key, snapshot.revision);
    return { state: stored.state as State, revision: snapshot.revision, last: stored.last, commandIds: new Set(stored.commandIds) };
  }

  /** Often enough that a restart folds little, rarely enough that writing the whole state stays a small share of the work. */
  private maybeStore(decider: Versioned, streamId: string, key: string, decided: DecidedState<unknown>): void {
    const version = this.version(decider);
    if (version === undefined || !this.options.snapshots) return;
    const since = decided.revision - (this.stored.get(key) ?? -1);
    if (since < Math.max(this.snapshotEvery, decided.revision >> 2)) return;
    const body: StoredState = { state: decided.state, last: decided.last, commandIds: [...decided.commandIds] };
    this.options.snapshots.write({ streamId, version, revision: decided.revision, body: JSON.stringify(body) });
    this.stored.set(key, decided.revision);
  }
}

/** The last of a run of recorded events, as a decided state remembers it. */
export function lastOf(event: RecordedEvent): DecidedState<unknown>['last'] {
  return { id: event.id.toLowerCase(), position: event.position, link: chainLinkOf(event) };
}
