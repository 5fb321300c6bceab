import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, RecordedEvent } from '../event-store.port';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { anEvent } from '../testing';
import { LogFollower, type FollowerProgress, type LogFollowerOptions } from './log-follower';

/** A consumer whose state and checkpoint change together, as one transaction changes them. */
class Tally {
  readonly applied: string[] = [];
  position: string | undefined;
  failuresLeft = 0;

  constructor(private readonly store: EventStore) {}

  follower(options: Partial<LogFollowerOptions> = {}): LogFollower {
    return new LogFollower(this.store, { checkpoint: () => this.position, apply: (events) => this.apply(events), retryDelayMs: 10, ...options });
  }

  private apply(events: readonly RecordedEvent[]): void {
    if (this.failuresLeft-- > 0) throw new Error('the disk is full');
    const fresh = events.filter((event) => this.position === undefined || this.store.comparePositions(event.position, this.position) > 0);
    this.applied.push(...fresh.map((event) => event.type));
    this.position = fresh.at(-1)?.position ?? this.position;
  }
}

describe('a follower of the log', () => {
  let store: SqliteEventStore;
  beforeEach(() => {
    store = new SqliteEventStore({ file: join(mkdtempSync(join(tmpdir(), 'ddr-follower-')), 'events.sqlite') });
  });
  afterEach(() => store.close());
  const append = async (streamId: string, ...types: string[]) =>
    (
      await store.append(
        streamId,
        types.map((type) => anEvent(type)),
      )
    ).position;

  it('catches up before start resolves, follows live, and resumes from its checkpoint without losing or repeating an event', async () => {
    const tally = new Tally(store);
    await append('instrument-1', 'A1', 'A2', 'A3');
    let follower = tally.follower();
    await follower.start();
    expect(tally.applied).toEqual(['A1', 'A2', 'A3']);
    expect(await follower.waitFor(await append('instrument-1', 'A4'), 2_000)).toBe(true);
    await follower.stop();

    await append('instrument-1', 'A5', 'A6');
    follower = tally.follower();
    await follower.start();
    expect(tally.applied).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6']);
    expect(follower.position).toBe(await store.headPosition());
    await follower.stop();
  });

  it('after a failed batch resubscribes from the checkpoint; start reports the first failure', async () => {
    const tally = new Tally(store);
    tally.failuresLeft = 2;
    const head = await append('instrument-1', 'A1', 'A2');
    const errors: unknown[] = [];
    const follower = tally.follower({ onError: (error) => errors.push(error) });
    await expect(follower.start()).rejects.toThrow('the disk is full');
    expect(follower.lastFailure).toBe(errors[0]);
    expect(await follower.waitFor(head, 2_000)).toBe(true);
    expect(tally.applied).toEqual(['A1', 'A2']);
    expect(errors).toHaveLength(2);
    expect(follower.lastFailure).toBeNull();
    await follower.stop();
  });

  it('applies only what its filter selects and reports each batch', async () => {
    const tally = new Tally(store);
    const progress: FollowerProgress[] = [];
    const follower = tally.follower({ filter: { streamPrefixes: ['meetings-'] }, onProgress: (batch) => progress.push(batch) });
    await follower.start();
    await append('instrument-1', 'A1');
    const meeting = await append('meetings-CTS', 'M1', 'M2');
    expect(await follower.waitFor(meeting, 2_000)).toBe(true);
    expect(tally.applied).toEqual(['M1', 'M2']);
    expect(progress).toEqual([{ position: meeting, events: 2 }]);
    // The checkpoint moves by selected events only: a later unselected one is never reached.
    expect(await follower.waitFor(await append('instrument-1', 'A2'), 100)).toBe(false);
    await follower.stop();
  });

  it('stopped while checking before it subscribes, it does not subscribe', async () => {
    const tally = new Tally(store);
    await append('instrument-1', 'A1');
    let release!: () => void;
    const follower = tally.follower({ beforeFollowing: () => new Promise<void>((resolve) => (release = resolve)) });
    const started = follower.start();
    const stopped = follower.stop();
    release();
    await Promise.all([started, stopped]);
    expect(tally.applied).toEqual([]);
  });
});
