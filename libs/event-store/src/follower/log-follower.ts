import { EventEmitter } from 'node:events';
import type { EventFilter, EventStore, EventSubscription, RecordedEvent } from '../event-store.port';
import { BATCH_BUDGET_MS, consumeInBatches } from './batches';

/**
 * What a follower needs from its consumer. The consumer owns the checkpoint:
 * `apply` changes its state and stores the position of the batch's last
 * event in ONE transaction, and skips events at or before the checkpoint (a
 * resubscription, or another process following into the same file, delivers
 * them again); `checkpoint` reads that position back. Then a restart neither
 * loses an event nor applies one twice.
 */
export interface LogFollowerOptions {
  /** Position of the last event applied, undefined before the first: where following resumes. */
  checkpoint(): string | undefined;
  /** Applies a batch, in log order, with its checkpoint; a throw must leave both as they were. */
  apply(events: RecordedEvent[]): void;
  /** Runs before every (re)subscription; what it throws counts as a failure, e.g. a checkpoint that does not describe this store. */
  beforeFollowing?(): Promise<void>;
  /** Only the events selected are delivered; the checkpoint then moves by them alone. */
  filter?: EventFilter;
  /** Events per transaction at most; 500 by default. */
  batchSize?: number;
  /** About how long a batch may take to apply (BatchLimits.budgetMs); BATCH_BUDGET_MS (20 ms) by default. */
  batchBudgetMs?: number;
  /** Wait before resubscribing after a failure; 1 s by default. */
  retryDelayMs?: number;
  onError?(error: unknown): void;
  /** After every batch applied: for progress reports and lag monitors. */
  onProgress?(progress: FollowerProgress): void;
}

export interface FollowerProgress {
  /** The position of the batch's last event. */
  position: string;
  /** Events in the batch. */
  events: number;
}

/**
 * The one checkpointed follower of the global log: every consumer that keeps
 * state level with the log (the read model's projections, the ledger's tree,
 * deliveries) runs one, with its own checkpoint. It subscribes after the
 * checkpoint, catches up, follows live, applies what arrives together in one
 * batch, and after a failure resubscribes from the checkpoint.
 *
 *     const follower = new LogFollower(store, { checkpoint: () => mine.position(), apply: (events) => mine.applyAndCheckpoint(events) });
 *     await follower.start(); // the stored history is in
 *     await follower.waitFor(position, 5_000); // read-your-writes
 *     await follower.stop();
 */
export class LogFollower {
  private readonly advanced = new EventEmitter().setMaxListeners(0);
  private subscription?: EventSubscription;
  private running?: Promise<void>;
  private stopped = false;
  private failure: unknown = null;

  constructor(
    private readonly store: EventStore,
    private readonly options: LogFollowerOptions,
  ) {}

  /** The consumer's checkpoint. */
  get position(): string | undefined {
    return this.options.checkpoint();
  }

  /** The last error that stopped following, until a batch is applied again. */
  get lastFailure(): unknown {
    return this.failure;
  }

  /**
   * Starts following; resolves once the stored history is applied (or on
   * stop), fails if the first attempt fails (and keeps retrying behind it).
   */
  async start(): Promise<void> {
    const caughtUp = new Promise<void>((resolve, reject) => {
      this.advanced.once('caught-up', resolve).once('failed', reject);
    });
    this.running = this.loop();
    try {
      await Promise.race([caughtUp, this.running]);
    } finally {
      this.advanced.removeAllListeners('caught-up').removeAllListeners('failed');
    }
  }

  /** True once the consumer has applied `position`; false when `timeoutMs` passed first. */
  async waitFor(position: string, timeoutMs: number): Promise<boolean> {
    const reached = () => {
      const applied = this.position;
      return applied !== undefined && this.store.comparePositions(applied, position) >= 0;
    };
    if (reached()) return true;
    return new Promise<boolean>((resolve) => {
      const settle = (outcome: boolean) => {
        clearTimeout(timer);
        this.advanced.off('advanced', check);
        resolve(outcome);
      };
      const check = () => reached() && settle(true);
      const timer = setTimeout(() => settle(false), timeoutMs);
      this.advanced.on('advanced', check);
    });
  }

  /** Closes the subscription once the batch in hand is applied; a stopped follower stays stopped. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.follow();
      } catch (error) {
        this.failure = error;
        this.options.onError?.(error);
        this.advanced.emit('failed', error);
        if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs ?? 1_000));
      }
    }
  }

  private async follow(): Promise<void> {
    await this.options.beforeFollowing?.();
    // Stopped while checking: a new subscription would outlive stop().
    if (this.stopped) return;
    const subscription = this.store.subscribeToAll({ after: this.options.checkpoint(), filter: this.options.filter });
    this.subscription = subscription;
    // After the batch that holds the last stored event, which is flushed on the next turn.
    void subscription.caughtUp.then(() => setImmediate(() => this.advanced.emit('caught-up')));
    await consumeInBatches(subscription, { size: this.options.batchSize ?? 500, budgetMs: this.options.batchBudgetMs ?? BATCH_BUDGET_MS }, (events) => {
      this.options.apply(events);
      this.failure = null;
      this.advanced.emit('advanced');
      this.options.onProgress?.({ position: events[events.length - 1].position, events: events.length });
    });
  }
}
