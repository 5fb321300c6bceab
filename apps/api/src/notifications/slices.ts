import { BATCH_BUDGET_MS } from '@ddr/event-store';

/**
 * Long work on the thread that answers requests (a sweep of every deadline, reading a large watch at start),
 * cut into slices of about `budgetMs` with a turn of the event loop between them: a request that arrives
 * meanwhile waits for one slice, not for the whole of it.
 */
export class Slices {
  private until: number;

  constructor(
    private readonly budgetMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.until = clock() + budgetMs;
  }

  /** True once this slice has used its budget: time to `next()`. */
  get spent(): boolean {
    return this.clock() >= this.until;
  }

  /** Lets the requests waiting in, then starts the next slice. */
  async next(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.until = this.clock() + this.budgetMs;
  }
}

/** About how long a slice of the notifier's own work holds the thread: as long as a follower's batch. */
export const SLICE_MS = BATCH_BUDGET_MS;
