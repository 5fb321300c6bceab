import { LogFollower, pagesOf, type EventStore, type LogFollowerOptions, type RecordedEvent } from '@ddr/event-store';
import { eventLeafHash } from '../leaf';
import { MerkleTree } from '../merkle-tree';
import { LedgerMismatchError } from './errors';
import type { LedgerDb } from './ledger-db';
import { LedgerRecords } from './ledger-db';
import { SqliteNodeStore } from './sqlite-node-store';

export type TreeFollowerOptions = Pick<LogFollowerOptions, 'batchSize' | 'retryDelayMs' | 'onError'>;

/**
 * Keeps the Merkle tree level with the global log, as the projections keep
 * the read model: the log's follower from the position the tree reached, each
 * batch of leaves committed in one transaction with that position. Leaf order
 * is the log's order.
 *
 * Several processes may follow into the same file (the server and a CLI
 * command): every batch re-reads, inside its write transaction, how far the
 * file has got, and skips what another process already added.
 */
export class TreeFollower {
  private readonly nodes: SqliteNodeStore;
  private current: MerkleTree;
  private readonly follower: LogFollower;

  constructor(
    private readonly store: EventStore,
    db: LedgerDb,
    readonly records: LedgerRecords,
    { batchSize, retryDelayMs, onError }: TreeFollowerOptions = {},
  ) {
    this.nodes = new SqliteNodeStore(db);
    this.current = new MerkleTree(this.nodes);
    this.follower = new LogFollower(store, {
      batchSize,
      retryDelayMs,
      onError,
      checkpoint: () => this.records.followedTo() ?? undefined,
      apply: (events) => this.apply(events),
      beforeFollowing: () => this.checkMatchesStore(),
    });
  }

  /** The tree as far as this process has followed (or seen another process follow). */
  get tree(): MerkleTree {
    return this.current;
  }

  get lastFailure(): unknown {
    return this.follower.lastFailure;
  }

  /** Adds the leaves of `events` not yet in the tree, in one transaction; returns the tree size. */
  apply(events: readonly RecordedEvent[]): number {
    try {
      return this.records.transaction(() => {
        this.syncWithFile();
        let followed = this.records.followedTo();
        for (const event of events) {
          // Redelivered, or added by another process meanwhile.
          if (followed !== null && this.store.comparePositions(event.position, followed) <= 0) continue;
          const index = this.current.append(eventLeafHash(event));
          this.records.addLeaf({ index, eventId: event.id, streamId: event.streamId, revision: event.revision, position: event.position });
          followed = event.position;
        }
        if (followed !== null) this.records.setFollowedTo(followed);
        return this.current.size;
      });
    } catch (error) {
      // The transaction rolled back: forget the leaves this object added.
      this.nodes.reload();
      this.current = new MerkleTree(this.nodes);
      throw error;
    }
  }

  /** Brings the tree level with the log's head by reading pages: what a CLI command does before it answers. */
  async catchUp(onProgress: (size: number) => void = () => undefined, pageSize = 2_000): Promise<number> {
    await this.checkMatchesStore();
    for await (const page of pagesOf(this.store, { from: this.records.followedTo() ?? undefined, pageSize })) onProgress(this.apply(page));
    return this.syncedSize();
  }

  /**
   * Follows the log in the background; resolves once the stored history is
   * in, fails if the first attempt fails (and keeps retrying behind it).
   */
  start(): Promise<void> {
    return this.follower.start();
  }

  stop(): Promise<void> {
    return this.follower.stop();
  }

  /**
   * The file must describe this store: the last leaf it holds must still be
   * the event at that place. Otherwise (the store was replaced, restored from
   * an older backup, or truncated) following from the recorded position would
   * silently skip or mix events, so the ledger refuses to go on.
   */
  async checkMatchesStore(): Promise<void> {
    const size = this.syncedSize();
    if (size === 0) return;
    const leaf = this.records.leafAt(size - 1);
    const [event] = leaf ? await this.store.readStream(leaf.streamId, { fromRevision: leaf.revision, maxCount: 1 }) : [];
    if (!leaf || !event || event.id.toLowerCase() !== leaf.eventId || event.position !== leaf.position) {
      throw new LedgerMismatchError(
        `the ledger's last leaf (${size - 1}) is ${leaf ? `event ${leaf.eventId} of ${leaf.streamId} at revision ${leaf.revision}, position ${leaf.position}` : 'unrecorded'}, ` +
          'which the event store no longer holds there: the store was replaced, restored or truncated. Run `ddr ledger verify`; ' +
          'to start a new ledger over this store, move ledger.sqlite away.',
      );
    }
  }

  private syncedSize(): number {
    this.syncWithFile();
    return this.current.size;
  }

  /** Another process may have added leaves: rebuild the tree's frontier from the file when it has. */
  private syncWithFile(): void {
    const before = this.nodes.leafCount();
    this.nodes.reload();
    if (this.nodes.leafCount() !== before) this.current = new MerkleTree(this.nodes);
  }
}
