import { UnknownError, type AllStreamResolvedEvent, type AllStreamSubscription } from '@eventstore/db-client';
import type { EventSubscription, RecordedEvent } from '../event-store.port';
import { comparePosition, type EsdbPosition } from './esdb-position';
import { isUnreachable } from './esdb-errors';

export interface EsdbSubscriptionSource {
  /** Opens one server subscription delivering the events strictly after `from` (from the start when undefined). */
  open(from: EsdbPosition | undefined, onCheckpoint: (position: EsdbPosition) => void): AllStreamSubscription;
  /**
   * Position of the last stored event after `after` that the subscription
   * would hand out, undefined when there is none: reaching it means caught up.
   */
  lastToDeliver(after: EsdbPosition | undefined): Promise<EsdbPosition | undefined>;
  /** Our event for a delivered one, or undefined when the subscription must not hand it out. */
  convert(resolved: AllStreamResolvedEvent): RecordedEvent | undefined;
  /** Told once, when the subscription is closed. */
  closed(): void;
  /** Told when the server confirmed a subscription (true) or could not be reached (false). */
  reached?(ok: boolean): void;
}

export interface ResubscribeBackoff {
  initialMs: number;
  maxMs: number;
}

/**
 * A catch-up subscription over EventStoreDB that survives a dropped server
 * stream. The client never resubscribes by itself; this one reopens the
 * subscription from the last position it handed out, after a bounded
 * backoff, and drops anything at or before that position, so no event is
 * missed or delivered twice.
 */
export class EsdbSubscription implements EventSubscription {
  readonly caughtUp: Promise<void>;
  private markCaughtUp!: () => void;
  private isCaughtUp = false;
  private closed = false;
  private readonly stop = new AbortController();
  private iterator?: AsyncGenerator<RecordedEvent>;
  private current?: AllStreamSubscription;
  /** The last event to hand out that was stored when the subscription started (null: none). */
  private target?: EsdbPosition | null;
  /** Events the client had buffered when the server said "caught up", still to hand out. */
  private bufferedBeforeCaughtUp?: number;

  constructor(
    private readonly source: EsdbSubscriptionSource,
    private last: EsdbPosition | undefined,
    private readonly backoff: ResubscribeBackoff,
  ) {
    this.caughtUp = new Promise((resolve) => (this.markCaughtUp = resolve));
  }

  /** Every call returns the same iterator: the subscription has one reading position. */
  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    this.iterator ??= this.deliver();
    return this.iterator;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stop.abort();
    this.resolveCaughtUp();
    this.source.closed();
    await this.release(this.current);
  }

  private async *deliver(): AsyncGenerator<RecordedEvent> {
    let failures = 0;
    while (!this.closed) {
      let subscription: AllStreamSubscription | undefined;
      try {
        if (this.target === undefined) {
          this.target = (await this.source.lastToDeliver(this.last)) ?? null;
          if (this.target === null || (this.last && comparePosition(this.target, this.last) <= 0)) {
            this.resolveCaughtUp();
          }
        }
        if (this.closed) return;
        subscription = this.subscribe();
        subscription.on('confirmation', () => {
          failures = 0;
          this.source.reached?.(true);
        });
        for await (const resolved of subscription as AsyncIterable<AllStreamResolvedEvent>) {
          const position = resolved.event?.position;
          this.countDownBuffered();
          if (!position || (this.last && comparePosition(position, this.last) <= 0)) continue;
          this.last = position;
          this.reached(position);
          const event = this.source.convert(resolved);
          if (event) yield event;
        }
      } catch (error) {
        if (this.closed) return;
        if (!isTransient(error)) throw error;
        this.source.reached?.(false);
      } finally {
        await this.release(subscription);
      }
      if (this.closed) return;
      await sleep(Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** failures++), this.stop.signal);
    }
  }

  private subscribe(): AllStreamSubscription {
    const subscription = this.source.open(this.last, (checkpoint) => this.reached(checkpoint));
    this.current = subscription;
    // Errors also reach the iterator; this listener keeps a late one (after close) from crashing the process.
    subscription.on('error', () => undefined);
    subscription.on('caughtUp', () => {
      if (this.isCaughtUp) return;
      // Events read before the message may still sit in the client's buffer; they count as stored.
      this.bufferedBeforeCaughtUp = subscription.readableLength;
      this.countDownBuffered(0);
    });
    return subscription;
  }

  private countDownBuffered(handedOut = 1): void {
    if (this.bufferedBeforeCaughtUp === undefined) return;
    this.bufferedBeforeCaughtUp -= handedOut;
    if (this.bufferedBeforeCaughtUp <= 0) this.resolveCaughtUp();
  }

  /** For servers that send no caught-up message (before 23.10): passing the target means caught up. */
  private reached(position: EsdbPosition): void {
    if (this.target && comparePosition(position, this.target) >= 0) this.resolveCaughtUp();
  }

  private resolveCaughtUp(): void {
    if (this.isCaughtUp) return;
    this.isCaughtUp = true;
    this.bufferedBeforeCaughtUp = undefined;
    this.markCaughtUp();
  }

  private async release(subscription: AllStreamSubscription | undefined): Promise<void> {
    if (!subscription) return;
    if (this.current === subscription) this.current = undefined;
    await subscription.unsubscribe().catch(() => undefined);
    // Cancelling the call does not end the client's stream; destroying it ends a pending read.
    if (!subscription.destroyed) subscription.destroy();
  }
}

/** Errors after which the same subscription may work again: the server went away, or cancelled the stream. */
/** Worth resubscribing after: the server unreachable, or a stream reset the client reports as unknown. */
const isTransient = (error: unknown) => isUnreachable(error) || error instanceof UnknownError;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
