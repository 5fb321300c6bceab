import { randomUUID } from 'node:crypto';
import type { EventStore, EventToAppend, RecordedEvent } from '../event-store.port';
import { CommandIdClaimedError, InvalidAppendError, WrongExpectedRevisionError } from '../errors';
import type { JsonObject } from '@ddr/kernel';

/** How a contract run gets a fresh, empty store, and how it lets go of it. */
export interface StoreFixture {
  open(): Promise<EventStore>;
  dispose?(): Promise<void>;
}

export function anEvent(type = 'SomethingHappened', data: JsonObject = {}, metadata: JsonObject = {}): EventToAppend {
  return { id: randomUUID(), type, data, metadata };
}

/** Reads `count` events from a subscription, failing after `timeoutMs`. */
export async function take(source: AsyncIterable<RecordedEvent>, count: number, timeoutMs = 5_000): Promise<RecordedEvent[]> {
  const taken: RecordedEvent[] = [];
  const iterator = source[Symbol.asyncIterator]();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`got ${taken.length} of ${count} events in ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    while (taken.length < count) {
      const next = await Promise.race([iterator.next(), timeout]);
      if (next.done) break;
      taken.push(next.value);
    }
    return taken;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The behaviour every EventStore adapter must have. Each adapter's spec calls
 * this with its own fixture, so all adapters run the very same cases.
 */
export function eventStoreContract(adapter: string, fixture: StoreFixture): void {
  describe(`EventStore contract: ${adapter}`, () => {
    let store: EventStore;
    const stream = (name: string) => `${name}-${randomUUID()}`;

    beforeEach(async () => {
      store = await fixture.open();
    });
    afterEach(async () => {
      await store.close();
    });
    afterAll(async () => {
      await fixture.dispose?.();
    });

    describe('append and read a stream', () => {
      it('records events with revisions, positions, data and metadata', async () => {
        const id = stream('instrument');
        const first = anEvent('InstrumentProposed', { title: 'Redeployment plan 2019-2021' }, { actor: 'clerk' });
        const second = anEvent('StepDecided', { outcome: 'APPROVED' });
        const result = await store.append(id, [first, second], { expectedRevision: 'no_stream' });

        const events = await store.readStream(id);
        expect(events.map((e) => [e.id, e.type, e.revision])).toEqual([
          [first.id, 'InstrumentProposed', 0],
          [second.id, 'StepDecided', 1],
        ]);
        expect(events[0].data).toEqual({ title: 'Redeployment plan 2019-2021' });
        expect(events[0].metadata).toEqual({ actor: 'clerk' });
        expect(events[0].streamId).toBe(id);
        expect(Number.isNaN(Date.parse(events[0].committedAt))).toBe(false);
        expect(result).toEqual({ nextExpectedRevision: 1, position: events[1].position });
        expect(store.comparePositions(events[0].position, events[1].position)).toBeLessThan(0);
      });

      it('reads a missing stream as empty', async () => {
        expect(await store.readStream(stream('missing'))).toEqual([]);
      });

      it('reads forwards and backwards from a revision, with a count', async () => {
        const id = stream('paged');
        await store.append(
          id,
          [0, 1, 2, 3, 4].map((n) => anEvent('Counted', { n })),
        );
        const revisions = (events: RecordedEvent[]) => events.map((e) => e.revision);
        expect(revisions(await store.readStream(id, { fromRevision: 2, maxCount: 2 }))).toEqual([2, 3]);
        expect(revisions(await store.readStream(id, { direction: 'backwards' }))).toEqual([4, 3, 2, 1, 0]);
        expect(revisions(await store.readStream(id, { direction: 'backwards', fromRevision: 3, maxCount: 2 }))).toEqual([3, 2]);
      });
    });

    describe('expected revision', () => {
      it('no_stream refuses an existing stream', async () => {
        const id = stream('s');
        await store.append(id, [anEvent()], { expectedRevision: 'no_stream' });
        await expect(store.append(id, [anEvent()], { expectedRevision: 'no_stream' })).rejects.toMatchObject({
          code: 'CONFLICT',
          actual: 0,
        });
      });

      it('stream_exists refuses a missing stream and accepts an existing one', async () => {
        const id = stream('s');
        await expect(store.append(id, [anEvent()], { expectedRevision: 'stream_exists' })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await store.append(id, [anEvent()]);
        await expect(store.append(id, [anEvent()], { expectedRevision: 'stream_exists' })).resolves.toMatchObject({
          nextExpectedRevision: 1,
        });
      });

      it('an exact revision must equal the current one, and the error says what it is', async () => {
        const id = stream('s');
        await store.append(id, [anEvent(), anEvent()]);
        await expect(store.append(id, [anEvent()], { expectedRevision: 0 })).rejects.toMatchObject({
          code: 'CONFLICT',
          streamId: id,
          expected: 0,
          actual: 1,
        });
        await expect(store.append(id, [anEvent()], { expectedRevision: 1 })).resolves.toMatchObject({
          nextExpectedRevision: 2,
        });
        expect(await store.readStream(id)).toHaveLength(3);
      });

      it('any appends whatever the revision', async () => {
        const id = stream('s');
        await store.append(id, [anEvent()], { expectedRevision: 'any' });
        await expect(store.append(id, [anEvent()], { expectedRevision: 'any' })).resolves.toMatchObject({
          nextExpectedRevision: 1,
        });
      });
    });

    describe('idempotency on event ids', () => {
      it('the same events at the same expected revision append nothing and return the first result', async () => {
        const id = stream('s');
        await store.append(id, [anEvent()]);
        const events = [anEvent(), anEvent()];
        const first = await store.append(id, events, { expectedRevision: 0 });
        const again = await store.append(id, events, { expectedRevision: 0 });
        expect(again).toMatchObject(first);
        expect(await store.readStream(id)).toHaveLength(3);
        expect(await store.headPosition()).toBe(first.position);
      });

      it('the same events with expected revision any append nothing', async () => {
        const id = stream('s');
        const events = [anEvent()];
        const first = await store.append(id, events);
        await store.append(id, [anEvent()]);
        expect(await store.append(id, events)).toMatchObject(first);
        expect(await store.readStream(id)).toHaveLength(2);
      });
    });

    describe('a batch of appends to several streams', () => {
      it('appends each in order, checked as append checks it, and says what each became', async () => {
        const [meeting, instrument] = [stream('m'), stream('i')];
        await store.append(instrument, [anEvent('Proposed')]);
        const results = await store.appendBatch([
          { streamId: meeting, events: [anEvent('MeetingHeld')], expectedRevision: 'no_stream' },
          { streamId: instrument, events: [anEvent('StepDecided')], expectedRevision: 0 },
        ]);
        expect(results.map((r) => r.nextExpectedRevision)).toEqual([0, 1]);
        expect(store.comparePositions(results[0].position, results[1].position)).toBeLessThan(0);
        expect((await store.readStream(instrument)).map((e) => e.type)).toEqual(['Proposed', 'StepDecided']);
      });

      it('a refused append writes nothing of itself and what follows it; what precedes it only when not atomic', async () => {
        const [meeting, instrument] = [stream('m'), stream('i')];
        await store.append(instrument, [anEvent('Proposed')]);
        await expect(
          store.appendBatch([
            { streamId: meeting, events: [anEvent('MeetingHeld')], expectedRevision: 'no_stream' },
            { streamId: instrument, events: [anEvent('StepDecided')], expectedRevision: 5 },
            { streamId: stream('later'), events: [anEvent('Later')] },
          ]),
        ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(instrument)).toHaveLength(1);
        expect(await store.readStream(meeting)).toHaveLength(store.atomicBatches ? 0 : 1);
      });

      it('refuses the whole batch before writing when any append is malformed', async () => {
        const meeting = stream('m');
        await expect(
          store.appendBatch([
            { streamId: meeting, events: [anEvent()] },
            { streamId: '', events: [anEvent()] },
          ]),
        ).rejects.toBeInstanceOf(InvalidAppendError);
        expect(await store.readStream(meeting)).toEqual([]);
      });
    });

    describe('a command id bound to one act', () => {
      const decided = (streamId: string, revision: number | 'no_stream' = 'no_stream') => ({
        streamId,
        events: [anEvent('StepDecided')],
        expectedRevision: revision,
      });

      it('a claim binds the id with its batch, and a retry of the same act is idempotent as before', async () => {
        const [commandId, instrument] = [randomUUID(), stream('i')];
        const claim = { commandId, streamId: instrument, digest: 'approved' };
        expect(await store.findClaim(commandId)).toBeUndefined();
        const batch = [decided(instrument)];
        const [first] = await store.appendBatch(batch, { claim });
        expect(await store.findClaim(commandId)).toEqual(claim);
        expect(await store.appendBatch(batch, { claim })).toMatchObject([first]);
        expect(await store.readStream(instrument)).toHaveLength(1);
      });

      it('the same id for other content or another stream is refused as CONFLICT naming the act, and writes nothing', async () => {
        const [commandId, instrument, other] = [randomUUID(), stream('i'), stream('other')];
        const claim = { commandId, streamId: instrument, digest: 'approved' };
        await store.appendBatch([decided(instrument)], { claim });
        const head = await store.headPosition();
        for (const attempt of [
          { batch: [decided(instrument, 0)], claim: { ...claim, digest: 'rejected' } },
          { batch: [decided(stream('meeting')), decided(other)], claim: { ...claim, streamId: other } },
        ]) {
          const refusal = store.appendBatch(attempt.batch, { claim: attempt.claim });
          await expect(refusal).rejects.toBeInstanceOf(CommandIdClaimedError);
          await expect(refusal).rejects.toMatchObject({ code: 'CONFLICT', claim, attempt: attempt.claim });
        }
        expect(await store.headPosition()).toBe(head);
        expect(await store.readStream(other)).toEqual([]);
        expect(await store.findClaim(commandId)).toEqual(claim);
      });

      it('of many batches racing to claim one id for different acts, exactly one is written', async () => {
        const commandId = randomUUID();
        const streams = Array.from({ length: 8 }, () => stream('racer'));
        const outcomes = await Promise.allSettled(
          streams.map((streamId) => store.appendBatch([decided(streamId)], { claim: { commandId, streamId, digest: streamId } })),
        );
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const winner = streams[outcomes.findIndex((o) => o.status === 'fulfilled')];
        for (const outcome of outcomes.filter((o) => o.status === 'rejected')) expect(outcome.reason).toBeInstanceOf(CommandIdClaimedError);
        expect(await store.findClaim(commandId)).toMatchObject({ streamId: winner });
        const written = await Promise.all(streams.map((streamId) => store.readStream(streamId)));
        expect(written.map((events) => events.length)).toEqual(streams.map((streamId) => (streamId === winner ? 1 : 0)));
      });

      it('the index is no part of the log: reads, subscriptions and the head show only the acts', async () => {
        const instrument = stream('i');
        const [written] = await store.appendBatch([decided(instrument)], { claim: { commandId: randomUUID(), streamId: instrument, digest: null } });
        expect((await store.readAll()).map((e) => e.streamId)).toEqual([instrument]);
        expect(await store.headPosition()).toBe(written.position);
        const subscription = store.subscribeToAll();
        await store.append(stream('later'), [anEvent('Later')]);
        expect((await take(subscription, 2)).map((e) => e.type)).toEqual(['StepDecided', 'Later']);
        await subscription.close();
      });

      it('a malformed claim is refused with BAD_USER_INPUT before anything is written', async () => {
        const instrument = stream('i');
        const refusal = store.appendBatch([decided(instrument)], { claim: { commandId: '', streamId: instrument, digest: null } });
        await expect(refusal).rejects.toBeInstanceOf(InvalidAppendError);
        expect(await store.headPosition()).toBeUndefined();
      });
    });

    describe('the global log', () => {
      it('orders events of all streams by position, forwards and backwards, exclusive of the start', async () => {
        const a = stream('a');
        const b = stream('b');
        await store.append(a, [anEvent('A1')]);
        await store.append(b, [anEvent('B1')]);
        await store.append(a, [anEvent('A2')]);
        const all = await store.readAll();
        expect(all.map((e) => e.type)).toEqual(['A1', 'B1', 'A2']);
        for (let i = 1; i < all.length; i++) {
          expect(store.comparePositions(all[i - 1].position, all[i].position)).toBeLessThan(0);
        }
        expect((await store.readAll({ from: all[0].position })).map((e) => e.type)).toEqual(['B1', 'A2']);
        expect((await store.readAll({ direction: 'backwards' })).map((e) => e.type)).toEqual(['A2', 'B1', 'A1']);
        expect((await store.readAll({ direction: 'backwards', from: all[2].position, maxCount: 1 })).map((e) => e.type)).toEqual(['B1']);
        expect(await store.headPosition()).toBe(all[2].position);
      });

      it('has no head position while empty', async () => {
        expect(await store.headPosition()).toBeUndefined();
        expect(await store.readAll()).toEqual([]);
      });

      it('filters by event type or by stream prefix', async () => {
        const run = randomUUID();
        await store.append(`instrument-${run}-1`, [anEvent('InstrumentProposed'), anEvent('StepDecided')]);
        await store.append(`programme-${run}-1`, [anEvent('TrancheRegistered')]);
        await store.append(`meetings-${run}-CTS`, [anEvent('MeetingHeld')]);
        const types = async (filter: object) => (await store.readAll({ filter })).map((e) => e.type);
        expect(await types({ eventTypes: ['StepDecided', 'MeetingHeld'] })).toEqual(['StepDecided', 'MeetingHeld']);
        expect(await types({ streamPrefixes: [`programme-${run}`] })).toEqual(['TrancheRegistered']);
        expect(await types({ eventTypes: ['MeetingHeld'], streamPrefixes: [`instrument-${run}`] })).toEqual([
          'InstrumentProposed',
          'StepDecided',
          'MeetingHeld',
        ]);
      });
      it('counts the events after a position that a filter selects, up to a cap, and tells when the first was committed', async () => {
        const run = randomUUID();
        const before = await store.headPosition();
        await store.append(`instrument-${run}-1`, [anEvent('InstrumentProposed'), anEvent('StepDecided')]);
        await store.append(`programme-${run}-1`, [anEvent('TrancheRegistered')]);
        const [first, , last] = await store.readAll({ from: before });
        expect(await store.countAfter(before, 10)).toEqual({ events: 3, firstCommittedAt: first.committedAt });
        expect(await store.countAfter(before, 2)).toEqual({ events: 2, firstCommittedAt: first.committedAt });
        expect(await store.countAfter(first.position, 10, { streamPrefixes: [`programme-${run}`] })).toEqual({ events: 1, firstCommittedAt: last.committedAt });
        expect(await store.countAfter(last.position, 10)).toEqual({ events: 0 });
      });
    });

    describe('catch-up subscription', () => {
      it('delivers the history after its start, then live events, each once and in order', async () => {
        const id = stream('s');
        const written = await store.append(id, [anEvent('Old1'), anEvent('Old2')]);
        const [old1] = await store.readStream(id);
        const subscription = store.subscribeToAll({ after: old1.position });
        const iterator = subscription[Symbol.asyncIterator]();
        expect((await iterator.next()).value).toMatchObject({ type: 'Old2', position: written.position });
        await subscription.caughtUp;
        const live = take({ [Symbol.asyncIterator]: () => iterator }, 2);
        await store.append(id, [anEvent('New1')]);
        await store.append(stream('other'), [anEvent('New2')]);
        expect((await live).map((e) => e.type)).toEqual(['New1', 'New2']);
        await subscription.close();
        expect((await iterator.next()).done).toBe(true);
      });

      it('delivers only what its filter selects', async () => {
        const subscription = store.subscribeToAll({ filter: { eventTypes: ['StepDecided'] } });
        await store.append(stream('s'), [anEvent('InstrumentProposed'), anEvent('StepDecided', { n: 1 })]);
        const first = take(subscription, 1);
        expect((await first)[0].data).toEqual({ n: 1 });
        await store.append(stream('s'), [anEvent('InstrumentProposed'), anEvent('StepDecided', { n: 2 })]);
        expect((await take(subscription, 1))[0].data).toEqual({ n: 2 });
        await subscription.close();
      });

      it('passes over what its filter leaves out without losing or repeating what it selects', async () => {
        const subscription = store.subscribeToAll({ filter: { eventTypes: ['StepDecided'] } });
        const selected = take(subscription, 3);
        for (let n = 1; n <= 3; n++) {
          for (let i = 0; i < 5; i++) await store.append(stream('s'), [anEvent('InstrumentProposed')]);
          await store.append(stream('s'), [anEvent('StepDecided', { n })]);
        }
        expect((await selected).map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
        await store.append(stream('s'), [anEvent('InstrumentProposed'), anEvent('StepDecided', { n: 4 })]);
        expect((await take(subscription, 1))[0].data).toEqual({ n: 4 });
        await subscription.close();
      });
    });

    describe('concurrent appenders', () => {
      it('exactly one of many appenders wins a revision', async () => {
        const id = stream('race');
        await store.append(id, [anEvent()]);
        const outcomes = await Promise.allSettled(Array.from({ length: 12 }, () => store.append(id, [anEvent('Decided')], { expectedRevision: 0 })));
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
          expect(outcome.reason).toBeInstanceOf(WrongExpectedRevisionError);
        }
        expect(await store.readStream(id)).toHaveLength(2);
      });

      it('appends sent together are each checked alone: one refused for its revision, its neighbours written', async () => {
        const [a, b, c] = [stream('a'), stream('b'), stream('c')];
        await store.append(b, [anEvent('First')]);
        const outcomes = await Promise.allSettled([
          store.append(a, [anEvent('One')], { expectedRevision: 'no_stream' }),
          store.append(b, [anEvent('Stale')], { expectedRevision: 3 }),
          store.append(c, [anEvent('Two'), anEvent('Three')], { expectedRevision: 'no_stream' }),
          store.appendBatch([{ streamId: b, events: [anEvent('Four')], expectedRevision: 0 }]),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
        expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ streamId: b, expected: 3, actual: 0 });
        const [one, , three, [four]] = outcomes.map((o) => (o as PromiseFulfilledResult<unknown>).value) as [
          { position: string },
          unknown,
          { nextExpectedRevision: number },
          Array<{ position: string }>,
        ];
        expect(three.nextExpectedRevision).toBe(1);
        expect((await store.readStream(a)).map((e) => [e.type, e.position])).toEqual([['One', one.position]]);
        expect((await store.readStream(b)).map((e) => [e.type, e.position])).toEqual([
          ['First', expect.any(String)],
          ['Four', four.position],
        ]);
        expect((await store.readStream(c)).map((e) => e.type)).toEqual(['Two', 'Three']);
      });

      it('appenders that retry on conflict lose nothing: every revision is taken once', async () => {
        const id = stream('busy');
        const writers = 8;
        const perWriter = 5;
        const write = async (writer: number) => {
          for (let n = 0; n < perWriter; n++) {
            const event = anEvent('Written', { writer, n });
            for (;;) {
              const [last] = await store.readStream(id, { direction: 'backwards', maxCount: 1 });
              try {
                await store.append(id, [event], { expectedRevision: last ? last.revision : 'no_stream' });
                break;
              } catch (error) {
                if (!(error instanceof WrongExpectedRevisionError)) throw error;
              }
            }
          }
        };
        await Promise.all(Array.from({ length: writers }, (_, w) => write(w)));
        const events = await store.readStream(id);
        expect(events.map((e) => e.revision)).toEqual(Array.from({ length: writers * perWriter }, (_, i) => i));
        const seen = new Set(events.map((e) => JSON.stringify([e.data.writer, e.data.n])));
        expect(seen.size).toBe(writers * perWriter);
      });
    });

    describe('bad input writes nothing', () => {
      const bad: Array<[string, () => Promise<unknown>]> = [
        ['an empty stream name', () => store.append('', [anEvent()])],
        ['a blank stream name', () => store.append('   ', [anEvent()])],
        ['no events', () => store.append(stream('s'), [])],
        ['data that is not JSON (a function)', () => store.append(stream('s'), [{ ...anEvent(), data: { f: (() => 1) as never } }])],
        ['data that is not JSON (NaN)', () => store.append(stream('s'), [anEvent('T', { n: Number.NaN })])],
        ['data that is not JSON (a Date)', () => store.append(stream('s'), [anEvent('T', { at: new Date() as never })])],
        ['data that is a string', () => store.append(stream('s'), [{ ...anEvent(), data: 'text' as never }])],
        ['data with a lone surrogate', () => store.append(stream('s'), [anEvent('T', { text: 'broken \uD800 pair' })])],
        ['a revision that is a string', () => store.append(stream('s'), [anEvent()], { expectedRevision: '3' as never })],
        ['a negative revision', () => store.append(stream('s'), [anEvent()], { expectedRevision: -1 })],
        ['a fractional revision', () => store.append(stream('s'), [anEvent()], { expectedRevision: 1.5 })],
        ['an event id that is not a UUID', () => store.append(stream('s'), [{ ...anEvent(), id: 'not-a-uuid' }])],
        ['an empty event type', () => store.append(stream('s'), [anEvent('')])],
      ];
      it.each(bad)('%s is refused with BAD_USER_INPUT', async (_, attempt) => {
        await store.append(stream('before'), [anEvent()]);
        const head = await store.headPosition();
        const error = await attempt().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(InvalidAppendError);
        expect(error).toMatchObject({ code: 'BAD_USER_INPUT' });
        expect(await store.headPosition()).toBe(head);
      });
    });
  });
}
