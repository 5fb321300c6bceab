import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, SqliteSnapshotStore, type EventStore, type ReadStreamOptions } from '@ddr/event-store';
import { anEvent } from '@ddr/event-store/testing';
import { Upcasters, type Decider, type DomainEvent } from '@ddr/kernel';
import { DecisionRunner } from './decision-runner';

type Tally = { total: number; folded: number };
type Counted = DomainEvent<'Counted', { by: number }>;
type Count = { by: number; on: string };
const tally: Decider<Count, Counted, Tally> = {
  version: 'tally@1',
  initialState: () => ({ total: 0, folded: 0 }),
  decide: (command) => [{ type: 'Counted', data: { by: command.by, effectiveDate: command.on } }],
  // `folded` counts the events this state was folded from here: what a load had to fold.
  evolve: (state, event) => ({ total: state.total + event.data.by, folded: state.folded + 1 }),
};
const clerk = { subject: 'clerk-gao', body: 'CNDDR', role: 'SECRETARIAT' } as const;
const counted = (by: number) => ({ ...anEvent('Counted', { by, effectiveDate: '2019-01-01' }), metadata: {} });

/** The store, with each stream read it answered: from which revision, and how many events. */
function reading(store: EventStore): { store: EventStore; reads: Array<{ from: number; events: number }> } {
  const reads: Array<{ from: number; events: number }> = [];
  const watched: EventStore = Object.create(store);
  watched.readStream = async (streamId: string, options: ReadStreamOptions = {}) => {
    const events = await store.readStream(streamId, options);
    reads.push({ from: options.fromRevision ?? 0, events: events.length });
    return events;
  };
  return { store: watched, reads };
}

describe('decided states: a command folds only what was appended since the last one', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ddr-decided-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
  });
  afterEach(() => store.close());

  const longStream = async (stream: string, events: number) => {
    for (let i = 0; i < events; i += 500)
      await store.append(
        stream,
        Array.from({ length: Math.min(500, events - i) }, () => counted(1)),
      );
  };

  it('reads the stream from the kept revision on, and folds only the events after it', async () => {
    await longStream('tally-long', 2_000);
    const { store: watched, reads } = reading(store);
    const runner = new DecisionRunner(watched);
    await runner.run(tally, 'tally-long', { by: 1, on: '2019-09-02' }, { actor: clerk });
    expect(reads).toEqual([{ from: 0, events: 2_000 }]);
    reads.length = 0;
    await runner.run(tally, 'tally-long', { by: 1, on: '2019-09-03' }, { actor: clerk });
    // The kept state was at 1,999: the read starts there, checks that event, and folds the one command's event.
    expect(reads).toEqual([{ from: 1_999, events: 2 }]);
    const { state } = await runner.load(tally, 'tally-long');
    expect(state).toEqual({ total: 2_002, folded: 2_002 });
  });

  it('folds in what other writers appended (another process on the same file), and decides on it', async () => {
    const runner = new DecisionRunner(store);
    await runner.run(tally, 'tally-shared', { by: 1, on: '2019-09-02' }, { actor: clerk });
    const other = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    await new DecisionRunner(other).run(tally, 'tally-shared', { by: 10, on: '2019-09-02' }, { actor: clerk });
    await other.append('tally-shared', [counted(100)]);
    await other.close();
    const outcome = await runner.run(tally, 'tally-shared', { by: 1000, on: '2019-09-03' }, { actor: clerk });
    expect(outcome.revision).toBe(3);
    expect((await runner.load(tally, 'tally-shared')).state.total).toBe(1_111);
  });

  it('a kept state the store does not bear out (another file under the same stream) is dropped, and the stream folded whole', async () => {
    const runner = new DecisionRunner(store);
    await runner.run(tally, 'tally-moved', { by: 1, on: '2019-09-02' }, { actor: clerk });
    const elsewhere = new SqliteEventStore({ file: join(dir, 'elsewhere.sqlite') });
    await elsewhere.append('tally-moved', [counted(7), counted(8)]);
    // The same runner object over another store: its kept state names an event this store does not have.
    const swapped: EventStore = Object.create(elsewhere);
    Object.assign(runner, { store: swapped });
    expect((await runner.load(tally, 'tally-moved')).state).toEqual({ total: 15, folded: 2 });
    await elsewhere.close();
  });

  it('a retry of a command the stream has seen is still answered as a replay, from the whole stream', async () => {
    const runner = new DecisionRunner(store);
    const first = await runner.run(tally, 'tally-retry', { by: 2, on: '2019-09-02' }, { actor: clerk, commandId: 'cmd-a' });
    await runner.run(tally, 'tally-retry', { by: 3, on: '2019-09-02' }, { actor: clerk, commandId: 'cmd-b' });
    const again = await runner.run(tally, 'tally-retry', { by: 2, on: '2019-09-02' }, { actor: clerk, commandId: 'cmd-a' });
    expect(again).toEqual({ ...first, replayed: true });
    expect((await runner.load(tally, 'tally-retry')).state.total).toBe(5);
  });

  describe('a long state grown in place', () => {
    // Each decision says how many events its state had seen: with a state grown under it, that would not be its revision.
    type Seen = { items: number[] };
    type Noted = DomainEvent<'Noted', { seen: number }>;
    const noting: Decider<{ on: string }, Noted, Seen> = {
      initialState: () => ({ items: [] }),
      decide: (command, state) => [{ type: 'Noted', data: { seen: state.items.length, effectiveDate: command.on } }],
      evolve: (state, event) => ({ items: [...state.items, event.data.seen] }),
      fold: (events, from, owned) => {
        const items = from ? (owned ? from.items : [...from.items]) : [];
        for (const event of events) items.push(event.data.seen);
        return { items };
      },
    };

    it('a state held by this command alone is grown in place, not copied', async () => {
      const runner = new DecisionRunner(store);
      await runner.run(noting, 'noted-alone', { on: '2019-09-02' }, { actor: clerk });
      const before = (await runner.load(noting, 'noted-alone')).state;
      await runner.run(noting, 'noted-alone', { on: '2019-09-03' }, { actor: clerk });
      const after = (await runner.load(noting, 'noted-alone')).state;
      expect(after.items).toBe(before.items);
      expect(after.items).toEqual([0, 1]);
    });

    it('a state other commands decide on is never grown under them: each decided on exactly its revision', async () => {
      const runner = new DecisionRunner(store, { maxRetries: 20 });
      await runner.run(noting, 'noted-busy', { on: '2019-09-02' }, { actor: clerk });
      await Promise.all(Array.from({ length: 8 }, () => runner.run(noting, 'noted-busy', { on: '2019-09-03' }, { actor: clerk })));
      const events = await store.readStream('noted-busy');
      expect(events.map((event) => event.data.seen)).toEqual(events.map((event) => event.revision));
      expect((await runner.load(noting, 'noted-busy')).state.items).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    });
  });

  describe('stored snapshots', () => {
    let snapshots: SqliteSnapshotStore;
    beforeEach(() => {
      snapshots = new SqliteSnapshotStore(join(dir, 'snapshots.sqlite'));
    });
    afterEach(() => snapshots.close());

    it('after a restart, a command folds from the stored snapshot, not from the start', async () => {
      await longStream('tally-snap', 3_000);
      await new DecisionRunner(store, { states: { snapshots, snapshotEvery: 1_000 } }).run(tally, 'tally-snap', { by: 1, on: '2019-09-02' }, { actor: clerk });
      const { store: watched, reads } = reading(store);
      const restarted = new DecisionRunner(watched, { states: { snapshots } });
      expect((await restarted.load(tally, 'tally-snap')).state.total).toBe(3_001);
      // The snapshot held the fold of the first 3,000 events: read from its last one, only the command's event folded.
      expect(reads).toEqual([{ from: 2_999, events: 2 }]);
    });

    it('a snapshot of another version of the decider is discarded: the stream is folded whole', async () => {
      await longStream('tally-versions', 1_500);
      await new DecisionRunner(store, { states: { snapshots, snapshotEvery: 1_000 } }).load(tally, 'tally-versions');
      const changed = {
        ...tally,
        version: 'tally@2',
        evolve: (state: Tally, event: Counted) => ({ total: state.total + 2 * event.data.by, folded: state.folded + 1 }),
      };
      const { state } = await new DecisionRunner(store, { states: { snapshots } }).load(changed, 'tally-versions');
      expect(state).toEqual({ total: 3_000, folded: 1_500 });
    });

    it('a snapshot is read under the same upcasters only', async () => {
      await longStream('tally-upcast', 1_500);
      await new DecisionRunner(store, { states: { snapshots, snapshotEvery: 1_000 } }).load(tally, 'tally-upcast');
      const upcasters = new Upcasters().register({ type: 'Counted', fromVersion: 1, upcast: (data) => ({ ...data, by: 3 }) });
      const { state } = await new DecisionRunner(store, { upcasters, states: { snapshots } }).load(tally, 'tally-upcast');
      expect(state).toEqual({ total: 4_500, folded: 1_500 });
    });
  });
});
