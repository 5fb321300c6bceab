import type { EventSubscription, RecordedEvent } from './event-store.port';

export interface CatchUpSource {
  /** Up to `limit` events strictly after `after`, in global order. */
  readAfter(after: string | undefined, limit: number): Promise<RecordedEvent[]>;
  /** Resolves when the log may have grown, or when `signal` aborts. */
  waitForChange(signal: AbortSignal): Promise<void>;
}

const BATCH = 256;

/**
 * A subscription that pages through the stored log and then sleeps until the
 * source says the log changed. It holds only its last delivered position, so
 * it can neither skip an event nor deliver one twice.
 */
export class CatchUpSubscription implements EventSubscription {
  readonly caughtUp: Promise<void>;
  private markCaughtUp!: () => void;
  private readonly stop = new AbortController();
  private iterator?: AsyncGenerator<RecordedEvent>;

  constructor(
    private readonly source: CatchUpSource,
    private after: string | undefined,
  ) {
    this.caughtUp = new Promise((resolve) => (this.markCaughtUp = resolve));
  }

  /** Every call returns the same iterator: the subscription has one reading position. */
  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    this.iterator ??= this.deliver();
    return this.iterator;
  }

  private async *deliver(): AsyncGenerator<RecordedEvent> {
    while (!this.stop.signal.aborted) {
      const batch = await this.source.readAfter(this.after, BATCH);
      const last = batch.length < BATCH ? batch.length - 1 : -1;
      if (batch.length === 0) this.markCaughtUp();
      for (const [index, event] of batch.entries()) {
        if (this.stop.signal.aborted) return;
        this.after = event.position;
        // The last stored event counts as delivered once handed out.
        if (index === last) this.markCaughtUp();
        yield event;
      }
      if (batch.length === 0) await this.source.waitForChange(this.stop.signal);
    }
  }

  async close(): Promise<void> {
    this.stop.abort();
    this.markCaughtUp();
  }
}

/**
 * Feeds a subscription's events to `apply` in batches: events delivered in the
 * same turn of the event loop (a catch-up page, a burst of appends) share one
 * batch, at most `batchSize`. Resolves when the subscription ends; rejects with
 * the first failure of `apply`, after closing the subscription.
 */
export async function consumeInBatches(
  subscription: EventSubscription,
  batchSize: number,
  apply: (events: RecordedEvent[]) => void,
): Promise<void> {
  let batch: RecordedEvent[] = [];
  let scheduled = false;
  // Boxed, so that even a falsy thrown value counts as a failure.
  let failure: { error: unknown } | undefined;
  const flush = () => {
    scheduled = false;
    if (batch.length === 0) return;
    const events = batch;
    batch = [];
    apply(events);
  };
  try {
    for await (const event of subscription) {
      batch.push(event);
      if (batch.length >= batchSize) flush();
      else if (!scheduled) {
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
