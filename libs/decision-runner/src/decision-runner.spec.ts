import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, WrongExpectedRevisionError, type EventStore } from '@ddr/event-store';
import { anEvent } from '@ddr/event-store/testing';
import { chainLinkOf } from '@ddr/ledger';
import { reject, Upcasters, type Decider, type DomainEvent } from '@ddr/kernel';
import { CommandRejectedError, DecisionRunner, commandDigest } from './decision-runner';

// A minimal decider: a register of tranche counts that refuses to go negative.
type Tally = { total: number };
type Counted = DomainEvent<'Counted', { by: number }>;
type Count = { by: number; on: string };
const tally: Decider<Count, Counted, Tally> = {
  initialState: () => ({ total: 0 }),
  decide: (command, state) =>
    state.total + command.by < 0
      ? reject('BAD_USER_INPUT', `total would be ${state.total + command.by}`)
      : [{ type: 'Counted', data: { by: command.by, effectiveDate: command.on } }],
  evolve: (state, event) => ({ total: state.total + event.data.by }),
};
const clerk = { subject: 'clerk-gao', body: 'CNDDR', role: 'SECRETARIAT' } as const;

describe('DecisionRunner', () => {
  let store: EventStore;
  let runner: DecisionRunner;
  const total = async (stream: string) => (await runner.load(tally, stream)).state.total;

  beforeEach(() => {
    store = new SqliteEventStore({ file: join(mkdtempSync(join(tmpdir(), 'ddr-runner-')), 'events.sqlite') });
    runner = new DecisionRunner(store, { clock: () => new Date('2026-11-27T08:00:00Z') });
  });
  afterEach(() => store.close());

  it('appends the decided events with the full envelope', async () => {
    const outcome = await runner.run(tally, 'tally-1', { by: 3, on: '2019-09-02' }, { actor: clerk, commandId: 'cmd-1' });
    expect(outcome).toMatchObject({ streamId: 'tally-1', revision: 0, replayed: false });
    const [event] = await store.readStream('tally-1');
    expect(event.position).toBe(outcome.position);
    expect(event.metadata).toEqual({
      actor: 'clerk-gao',
      body: 'CNDDR',
      role: 'SECRETARIAT',
      commandId: 'cmd-1',
      correlationId: 'cmd-1',
      causationId: 'cmd-1',
      recordedAt: '2026-11-27T08:00:00.000Z',
      effectiveDate: '2019-09-02',
      schemaVersion: 1,
      commandDigest: commandDigest({ by: 3, on: '2019-09-02' }),
      previousHash: null,
    });
  });

  it('the same command id with other content is refused as CONFLICT, naming the first act, and appends nothing', async () => {
    await runner.run(tally, 'tally-2', { by: 3, on: '2019-09-02' }, { actor: clerk, commandId: 'cmd-twice' });
    const again = runner.run(tally, 'tally-2', { by: -3, on: '2019-09-02' }, { actor: clerk, commandId: 'cmd-twice' });
    await expect(again).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/cmd-twice was first used for another act \(Counted at revision 0 of tally-2/),
    });
    expect(await total('tally-2')).toBe(3);
    // The same content is a retry: replayed, nothing new.
    await expect(runner.run(tally, 'tally-2', { by: 3, on: '2019-09-02' }, { actor: clerk, commandId: 'cmd-twice' })).resolves.toMatchObject({
      replayed: true,
    });
    expect(await store.readStream('tally-2')).toHaveLength(1);
  });

  it('the same command id on another stream is refused as CONFLICT naming the first act, and appends nothing', async () => {
    await runner.run(tally, 'tally-9', { by: 3, on: '2019-09-02' }, { actor: clerk, commandId: 'cmd-elsewhere' });
    for (const command of [
      { by: 3, on: '2019-09-02' },
      { by: 4, on: '2019-09-02' },
    ]) {
      await expect(runner.run(tally, 'tally-10', command, { actor: clerk, commandId: 'cmd-elsewhere' })).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(/cmd-elsewhere was first used for another act \(Counted at revision 0 of tally-9/),
      });
    }
    expect(await store.readStream('tally-10')).toEqual([]);
    await expect(runner.run(tally, 'tally-9', { by: 3, on: '2019-09-02' }, { actor: clerk, commandId: 'cmd-elsewhere' })).resolves.toMatchObject({
      replayed: true,
    });
  });

  it('a command without a client-chosen id binds no id: nobody can send it again', async () => {
    const outcome = await runner.run(tally, 'tally-11', { by: 1, on: '2019-09-02' }, { actor: clerk });
    const [event] = await store.readStream('tally-11');
    expect(outcome.replayed).toBe(false);
    expect(await store.findClaim(event.metadata.commandId as string)).toBeUndefined();
  });

  it('chains each event to the last loaded one and the events of one decision to each other', async () => {
    const twice: Decider<Count, Counted, Tally> = {
      ...tally,
      decide: (command) => [0, 1].map(() => ({ type: 'Counted', data: { by: command.by, effectiveDate: command.on } })),
    };
    await store.append('tally-8', [{ ...anEvent('Counted', { by: 1, effectiveDate: '2019-01-01' }), metadata: {} }]);
    await runner.run(tally, 'tally-8', { by: 2, on: '2019-09-02' }, { actor: clerk });
    await runner.run(twice, 'tally-8', { by: 3, on: '2019-09-03' }, { actor: clerk });
    const events = await store.readStream('tally-8');
    expect(events).toHaveLength(4);
    events.slice(1).forEach((event, i) => expect(event.metadata.previousHash).toBe(chainLinkOf(events[i]).hash));
  });

  it('a rejection appends nothing', async () => {
    await expect(runner.run(tally, 'tally-2', { by: -1, on: '2019-09-02' }, { actor: clerk })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await expect(runner.run(tally, 'tally-2', { by: -1, on: '2019-09-02' }, { actor: clerk })).rejects.toBeInstanceOf(CommandRejectedError);
    expect(await store.headPosition()).toBeUndefined();
  });

  it('the same command id sent ten times in sequence appends once and reports the same position', async () => {
    const outcomes = [];
    for (let i = 0; i < 10; i++) {
      outcomes.push(await runner.run(tally, 'tally-3', { by: 1, on: '2019-09-02' }, { actor: clerk, commandId: 'same' }));
    }
    expect(new Set(outcomes.map((o) => o.position)).size).toBe(1);
    expect(outcomes.slice(1).every((o) => o.replayed)).toBe(true);
    expect(await total('tally-3')).toBe(1);
  });

  it('the same command id sent ten times at once appends once', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => runner.run(tally, 'tally-4', { by: 1, on: '2019-09-02' }, { actor: clerk, commandId: 'same' })),
    );
    expect(new Set(outcomes.map((o) => o.position)).size).toBe(1);
    expect(await total('tally-4')).toBe(1);
  });

  it('retries when another writer moved the stream on, and decides against the new state', async () => {
    let interfered = false;
    const racing: EventStore = Object.create(store);
    racing.readStream = async (...args) => {
      const events = await store.readStream(...args);
      if (!interfered) {
        interfered = true;
        await store.append('tally-5', [{ ...anEvent('Counted', { by: 5, effectiveDate: '2019-01-01' }), metadata: {} }]);
      }
      return events;
    };
    const outcome = await new DecisionRunner(racing).run(tally, 'tally-5', { by: 1, on: '2019-09-02' }, { actor: clerk });
    expect(outcome.revision).toBe(1);
    expect(await total('tally-5')).toBe(6);
  });

  it('an explicit expected revision that is stale is a CONFLICT with the current revision, not retried', async () => {
    await runner.run(tally, 'tally-6', { by: 1, on: '2019-09-02' }, { actor: clerk });
    const attempt = runner.run(tally, 'tally-6', { by: 1, on: '2019-09-02' }, { actor: clerk, expectedRevision: 3 });
    await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(attempt).rejects.toMatchObject({ code: 'CONFLICT', actual: 0 });
    expect(await total('tally-6')).toBe(1);
  });

  describe('a decision linked to a second stream (a decision citing a meeting)', () => {
    const linked = (by: number) => ({ decider: tally as never, stream: 'tally-register', command: { by, on: '2019-09-25' } });

    it('appends the linked decision first, then the main one, with the same command id', async () => {
      const outcome = await runner.run(tally, 'tally-main', { by: 2, on: '2019-09-25' }, { actor: clerk, commandId: 'cmd-linked' }, linked(1));
      const [register, main] = [await store.readStream('tally-register'), await store.readStream('tally-main')];
      expect(main.map((e) => e.metadata.commandId)).toEqual(['cmd-linked']);
      expect(register.map((e) => e.metadata.commandId)).toEqual(['cmd-linked']);
      expect(store.comparePositions(register[0].position, main[0].position)).toBeLessThan(0);
      expect(outcome).toMatchObject({ streamId: 'tally-main', revision: 0, position: main[0].position });
      // A retry replays from the main stream and writes nothing on either.
      await runner.run(tally, 'tally-main', { by: 2, on: '2019-09-25' }, { actor: clerk, commandId: 'cmd-linked' }, linked(1));
      expect([await total('tally-register'), await total('tally-main')]).toEqual([1, 2]);
    });

    it('a linked decision refused leaves both streams unwritten, and so does a main decision refused', async () => {
      await expect(runner.run(tally, 'tally-main', { by: 2, on: '2019-09-25' }, { actor: clerk }, linked(-1))).rejects.toBeInstanceOf(CommandRejectedError);
      await expect(runner.run(tally, 'tally-main', { by: -2, on: '2019-09-25' }, { actor: clerk }, linked(1))).rejects.toBeInstanceOf(CommandRejectedError);
      expect(await store.readAll()).toEqual([]);
    });
  });

  it('lifts old event versions through registered upcasters when loading', async () => {
    await store.append('tally-7', [{ ...anEvent('Counted', { amount: 4, effectiveDate: '2018-11-01' }), metadata: { schemaVersion: 1 } }]);
    const upcasters = new Upcasters().register({
      type: 'Counted',
      fromVersion: 1,
      upcast: ({ amount, ...rest }) => ({ ...rest, by: amount }),
    });
    const upcasting = new DecisionRunner(store, { upcasters });
    expect((await upcasting.load(tally, 'tally-7')).state.total).toBe(4);
    await upcasting.run(tally, 'tally-7', { by: 1, on: '2019-09-02' }, { actor: clerk });
    const [, latest] = await store.readStream('tally-7');
    expect(latest.metadata.schemaVersion).toBe(2);
    expect((await upcasting.load(tally, 'tally-7')).state.total).toBe(5);
  });
});
