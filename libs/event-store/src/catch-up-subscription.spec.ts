import type { RecordedEvent } from './event-store.port';
import { CatchUpSubscription } from './catch-up-subscription';

/** A log of numbered positions, of which the filter selects only the ones in `selected`. */
function filteredLog(head: number, selected: number[]) {
  const asked: (string | undefined)[] = [];
  const log = {
    head,
    asked,
    source: {
      async readAfter(after: string | undefined, limit: number) {
        asked.push(after);
        const from = after === undefined ? 0 : Number(after);
        const events = selected
          .filter((p) => p > from && p <= log.head)
          .slice(0, limit)
          .map((p) => ({ position: String(p) }) as RecordedEvent);
        return { events, scannedTo: String(log.head) };
      },
      waitForChange: () => new Promise<void>((resolve) => setImmediate(resolve)),
    },
  };
  return log;
}

describe('a filtered catch-up subscription', () => {
  it('reads on from the head it has scanned, not from its last match, once a page is short', async () => {
    const log = filteredLog(1_000, [10]);
    const subscription = new CatchUpSubscription(log.source, undefined);
    const iterator = subscription[Symbol.asyncIterator]();
    expect((await iterator.next()).value.position).toBe('10');
    const next = iterator.next();
    await subscription.caughtUp;
    log.head = 1_200;
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    // The first read from 0, then every later one from a scanned head: 1,000 first, then 1,200.
    expect(log.asked.slice(0, 3)).toEqual([undefined, '1000', '1000']);
    expect(log.asked).toContain('1200');
    expect(log.asked).not.toContain('10');
    await subscription.close();
    await next;
  });
});
