import { LogFollower, type EventStore, type LogFollowerOptions } from '@ddr/event-store';
import type { Projector } from './projector';
import type { AppliedUpTo } from './read-model-db';

export type ProjectionRunnerOptions = Pick<LogFollowerOptions, 'batchSize' | 'retryDelayMs' | 'onError' | 'onProgress'>;

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
 * Keeps the read model fed from the store: the log's follower, from the
 * read model's checkpoint, each batch applied in one transaction with it.
 */
export class ProjectionRunner {
  private readonly follower: LogFollower;
  private current: AppliedUpTo;

  constructor(store: EventStore, projector: Projector, options: ProjectionRunnerOptions = {}) {
    this.current = projector.appliedUpTo();
    this.follower = new LogFollower(store, {
      ...options,
      checkpoint: () => this.current.position ?? undefined,
      apply: (events) => {
        this.current = projector.apply(events);
      },
    });
  }

  get appliedUpTo(): AppliedUpTo {
    return { ...this.current };
  }

  /** The last error that stopped projecting, until projecting succeeds again. */
  get lastFailure(): unknown {
    return this.follower.lastFailure;
  }

  /** Starts projecting; resolves once the stored history is applied, fails if the first attempt fails. */
  start(): Promise<void> {
    return this.follower.start();
  }

  /** Resolves once the read model has applied `position`, or fails after `timeoutMs`. */
  async waitFor(position: string, timeoutMs: number): Promise<void> {
    if (!(await this.follower.waitFor(position, timeoutMs))) throw new ReadModelBehindError(position, this.current.position, timeoutMs);
  }

  stop(): Promise<void> {
    return this.follower.stop();
  }
}
