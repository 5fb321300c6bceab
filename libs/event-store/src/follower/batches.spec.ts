import type { EventSubscription, RecordedEvent } from '../event-store.port';
import { consumeInBatches } from './batches';

/** A catch-up as a store delivers it: every event already there, handed over in microtasks. */
function caughtUpLog(count: number): EventSubscription {
  const events = Array.from({ length: count }, (_, i) => ({ position: String(i + 1) }) as RecordedEvent);
  return {
    caughtUp: Promise.resolve(),
    close: async () => undefined,
    async *[Symbol.asyncIterator]() {
      yield* events;
    },
  };
}

describe('consumeInBatches', () => {
  it('applies a catch-up in batches of at most the size asked, every event once and in order', async () => {
    const batches: string[][] = [];
    await consumeInBatches(caughtUpLog(1_050), 500, (events) => batches.push(events.map((e) => e.position)));
    expect(batches.map((b) => b.length)).toEqual([500, 500, 50]);
    expect(batches.flat()).toEqual(Array.from({ length: 1_050 }, (_, i) => String(i + 1)));
  });

  it('lets I/O in between full batches, so that a long catch-up does not hold the requests waiting behind it', async () => {
    const batchesBeforeIo: number[] = [];
    let applied = 0;
    // A request's turn: a macrotask queued when the catch-up starts.
    setImmediate(() => batchesBeforeIo.push(applied));
    await consumeInBatches(caughtUpLog(5_000), 500, () => applied++);
    expect(applied).toBe(10);
    expect(batchesBeforeIo).toEqual([1]);
  });
});
