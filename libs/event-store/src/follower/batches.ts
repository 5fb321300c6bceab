import type { EventSubscription, RecordedEvent } from '../event-store.port';

export interface BatchLimits {
  /** Events per batch at most. */
  size: number;
  /**
   * About how long one batch may take to apply. A batch is one transaction on the thread that answers requests:
   * a request that arrives meanwhile waits for all of it, so batches are sized from the time the last ones took.
   */
  budgetMs: number;
  /** Milliseconds, for timing batches; `performance.now` unless a test gives its own. */
  clock?: () => number;
}

/**
 * About how long one batch may hold the thread that answers requests, unless a follower asks otherwise; other
 * long work on that thread is cut to the same length.
 */
export const BATCH_BUDGET_MS = 20;

/** The first batch's size, before any has been timed: one slow batch at most before the sizes fit the budget. */
const FIRST_BATCH = 50;

/** Sizes batches to the budget from the cost per event of the last one; grows at most twofold a batch. */
class BatchSizer {
  private current: number;

  constructor(private readonly limits: BatchLimits) {
    this.current = Math.min(limits.size, FIRST_BATCH);
  }

  get size(): number {
    return this.current;
  }

  took(events: number, ms: number): void {
    const fitting = ms > 0 ? Math.floor((events * this.limits.budgetMs) / ms) : Infinity;
    this.current = Math.max(1, Math.min(fitting, this.current * 2, this.limits.size));
  }
}

/**
 * Feeds a subscription's events to `apply` in batches: events delivered in the
 * same turn of the event loop (a catch-up page, a burst of appends) share one
 * batch, at most the size the limits allow. Resolves when the subscription ends;
 * rejects with the first failure of `apply`, after closing the subscription.
 */
export async function consumeInBatches(subscription: EventSubscription, limits: BatchLimits, apply: (events: RecordedEvent[]) => void): Promise<void> {
  const clock = limits.clock ?? (() => performance.now());
  const sizer = new BatchSizer(limits);
  let batch: RecordedEvent[] = [];
  let scheduled = false;
  // Boxed, so that even a falsy thrown value counts as a failure.
  let failure: { error: unknown } | undefined;
  const flush = () => {
    scheduled = false;
    if (batch.length === 0) return;
    const events = batch;
    batch = [];
    const started = clock();
    apply(events);
    sizer.took(events.length, clock() - started);
  };
  try {
    for await (const event of subscription) {
      batch.push(event);
      if (batch.length >= sizer.size) {
        flush();
        // A catch-up delivers its pages as microtasks, which never let I/O in: yield between full batches, or a
        // follower catching up on a long log holds every request, and the server's start, until it is done.
        await new Promise((resolve) => setImmediate(resolve));
      } else if (!scheduled) {
        scheduled = true;
        setImmediate(() => {
          try {
            flush();
          } catch (error) {
            failure = { error };
            void subscription.close();
          }
        });
      }
    }
    if (failure) throw failure.error;
    flush();
  } finally {
    await subscription.close();
  }
}
