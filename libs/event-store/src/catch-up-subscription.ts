import type { EventSubscription, RecordedEvent } from './event-store.port';

export interface CatchUpPage {
  /** Up to the limit asked, in global order. */
  events: RecordedEvent[];
  /**
   * Where the next read starts when this page was not full: the log's head
   * when read, beyond the last event delivered if a filter passed over
   * events. Then a filtered subscription that rarely matches reads only what
   * was appended since, not everything since its last match.
   */
  scannedTo?: string;
}

export interface CatchUpSource {
  /** Up to `limit` events strictly after `after`. */
  readAfter(after: string | undefined, limit: number): Promise<CatchUpPage>;
  /** Resolves when the log may have grown, or when `signal` aborts. */
  waitForChange(signal: AbortSignal): Promise<void>;
}

const BATCH = 256;

/**
 * A subscription that pages through the stored log and then sleeps until the
 * source says the log changed. It holds only the position it has read up to,
 * so it can neither skip an event nor deliver one twice.
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
      const { events: batch, scannedTo } = await this.source.readAfter(this.after, BATCH);
      const last = batch.length < BATCH ? batch.length - 1 : -1;
      if (batch.length === 0) this.markCaughtUp();
      for (const [index, event] of batch.entries()) {
        if (this.stop.signal.aborted) return;
        this.after = event.position;
        // The last stored event counts as delivered once handed out.
        if (index === last) this.markCaughtUp();
        yield event;
      }
      if (batch.length < BATCH && scannedTo !== undefined) this.after = scannedTo;
      if (batch.length === 0) await this.source.waitForChange(this.stop.signal);
    }
  }

  async close(): Promise<void> {
    this.stop.abort();
    this.markCaughtUp();
  }
}
