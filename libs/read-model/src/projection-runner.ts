import { EventEmitter } from 'node:events';
import { consumeInBatches, type EventStore, type EventSubscription } from '@ddr/event-store';
import type { Projector } from './projector';
import type { Checkpoint } from './read-model-db';

export interface ProjectionRunnerOptions {
  /** Events applied per transaction at most. */
  batchSize?: number;
  /** Wait before resubscribing after a failure. */
  retryDelayMs?: number;
  onError?: (error: unknown) => void;
}

/** The read model is behind the position a client asked for, after waiting as long as allowed. */
export class ReadModelBehindError extends Error {
  readonly code = 'READ_MODEL_BEHIND';
  constructor(
    readonly wanted: string,
    readonly reached: string | null,
    readonly waitedMs: number,
  ) {
    super(`the read model reached ${reached ?? 'nothing'} but not ${wanted} within ${waitedMs} ms; retry later`);
  }
}

/**
 * Keeps the read model fed from the store: a catch-up subscription from the
 * checkpoint, batched into transactions; events that arrive together (the
 * catch-up, a burst of appends) share one transaction.
 */
export class ProjectionRunner {
  private readonly advanced = new EventEmitter().setMaxListeners(0);
  private subscription?: EventSubscription;
  private running?: Promise<void>;
  private stopped = false;
  private current: Checkpoint;
  private failure: unknown = null;

  constructor(
    private readonly store: EventStore,
    private readonly projector: Projector,
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.current = projector.checkpoint();
  }

  get checkpoint(): Checkpoint {
    return { ...this.current };
  }

  /** The last error that stopped projecting, until projecting succeeds again. */
  get lastFailure(): unknown {
    return this.failure;
  }

  /** Starts projecting; resolves once the stored history is applied, fails if the first attempt fails. */
  async start(): Promise<void> {
    const caughtUp = new Promise<void>((resolve, reject) => {
      this.advanced.once('caught-up', resolve).once('failed', reject);
    });
    this.running = this.loop();
    try {
      await caughtUp;
    } finally {
      this.advanced.removeAllListeners('caught-up').removeAllListeners('failed');
    }
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.follow();
        this.failure = null;
      } catch (error) {
        this.failure = error;
        this.options.onError?.(error);
        this.advanced.emit('failed', error);
        if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs ?? 1_000));
      }
    }
  }

  private async follow(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    const subscription = this.store.subscribeToAll({ after: this.current.position ?? undefined });
    this.subscription = subscription;
    void subscription.caughtUp.then(() => setImmediate(() => this.advanced.emit('caught-up')));
    await consumeInBatches(subscription, batchSize, (events) => {
      this.current = this.projector.apply(events);
      this.failure = null;
      this.advanced.emit('advanced');
    });
  }

  /** Resolves once the read model has applied `position`, or fails after `timeoutMs`. */
  async waitFor(position: string, timeoutMs: number): Promise<void> {
    const reached = () => this.current.position !== null && this.store.comparePositions(this.current.position, position) >= 0;
    if (reached()) return;
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!reached()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new ReadModelBehindError(position, this.current.position, timeoutMs));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.advanced.off('advanced', check);
      };
      this.advanced.on('advanced', check);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.running;
  }
}
