import type { EventSubscription, RecordedEvent } from '../event-store.port';

/**
 * Feeds a subscription's events to `apply` in batches: events delivered in the
 * same turn of the event loop (a catch-up page, a burst of appends) share one
 * batch, at most `batchSize`. Resolves when the subscription ends; rejects with
 * the first failure of `apply`, after closing the subscription.
 */
export async function consumeInBatches(subscription: EventSubscription, batchSize: number, apply: (events: RecordedEvent[]) => void): Promise<void> {
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
      if (batch.length >= batchSize) {
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
