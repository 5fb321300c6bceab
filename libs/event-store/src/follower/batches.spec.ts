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

/** A clock that only `apply` moves: each event applied costs `msPerEvent(position)`. */
function costedApply(msPerEvent: (position: number) => number) {
  let time = 0;
  const batches: number[][] = [];
  return {
    batches,
    clock: () => time,
    apply: (events: RecordedEvent[]) => {
      batches.push(events.map((e) => Number(e.position)));
      time += events.reduce((ms, e) => ms + msPerEvent(Number(e.position)), 0);
    },
  };
}

describe('consumeInBatches', () => {
  it('applies a catch-up in batches of at most the size asked, every event once and in order', async () => {
    const { batches, clock, apply } = costedApply(() => 0);
    await consumeInBatches(caughtUpLog(1_050), { size: 300, budgetMs: 20, clock }, apply);
    // Free events: from the first batch's 50, twice as many each time, up to the size.
    expect(batches.map((b) => b.length)).toEqual([50, 100, 200, 300, 300, 100]);
    expect(batches.flat()).toEqual(Array.from({ length: 1_050 }, (_, i) => i + 1));
  });

  it('sizes the batches so that one takes about the time budget: a request waits that long, not a whole page', async () => {
    // A millisecond an event (a tree catching up on a slow disk): 20 events fit in 20 ms.
    const { batches, clock, apply } = costedApply(() => 1);
    await consumeInBatches(caughtUpLog(1_000), { size: 500, budgetMs: 20, clock }, apply);
    expect(batches[0]).toHaveLength(50);
    expect(new Set(batches.slice(1, -1).map((b) => b.length))).toEqual(new Set([20]));
    expect(batches.flat()).toHaveLength(1_000);
  });

  it('grows the batches again, at most twofold each, once events cost less', async () => {
    const { batches, clock, apply } = costedApply((position) => (position <= 90 ? 1 : 0.01));
    await consumeInBatches(caughtUpLog(2_000), { size: 500, budgetMs: 20, clock }, apply);
    const sizes = batches.map((b) => b.length);
    expect(sizes.slice(0, 3)).toEqual([50, 20, 20]);
    sizes.slice(3, -1).forEach((size, i) => expect(size).toBeLessThanOrEqual(2 * sizes[i + 2]));
    expect(Math.max(...sizes)).toBe(500);
  });

  it('lets I/O in between full batches, so that a long catch-up does not hold the requests waiting behind it', async () => {
    const batchesBeforeIo: number[] = [];
    let applied = 0;
    // A request's turn: a macrotask queued when the catch-up starts.
    setImmediate(() => batchesBeforeIo.push(applied));
    await consumeInBatches(caughtUpLog(5_000), { size: 500, budgetMs: 20 }, () => applied++);
    expect(applied).toBeGreaterThan(10);
    expect(batchesBeforeIo).toEqual([1]);
  });
});
