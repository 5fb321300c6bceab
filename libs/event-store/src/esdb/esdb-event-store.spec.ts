import { setTimeout as sleep } from 'node:timers/promises';
import { EventStoreUnavailableError, InvalidPositionError } from '../errors';
import type { EventToAppend, RecordedEvent } from '../event-store.port';
import { openEventStore } from '../open-event-store';
import { EsdbProtocolServer, anEvent, eventStoreContract, take } from '../testing';
import { EsdbEventStore } from './esdb-event-store';

// One protocol server for the suite; each store starts on an emptied log.
let shared: EsdbProtocolServer | undefined;

eventStoreContract('EventStoreDB over gRPC (in-process protocol server)', {
  open: async () => {
    shared ??= await EsdbProtocolServer.start();
    shared.reset();
    return new EsdbEventStore(shared.connectionString);
  },
  dispose: async () => shared?.close(),
});

/** Fails after `ms` instead of letting a test hang. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Appends once the restarted server answers again; the client may first report it unavailable. */
async function appendWhenReachable(store: EsdbEventStore, streamId: string, events: EventToAppend[]): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await store.append(streamId, events);
      return;
    } catch (error) {
      if (!(error instanceof EventStoreUnavailableError) || Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}

describe('EsdbEventStore over the protocol server', () => {
  let server: EsdbProtocolServer;
  const stores: EsdbEventStore[] = [];
  const open = (options: ConstructorParameters<typeof EsdbEventStore>[1] = {}) => {
    const store = new EsdbEventStore(server.connectionString, { resubscribe: { initialMs: 50, maxMs: 400 }, ...options });
    stores.push(store);
    return store;
  };

  beforeEach(async () => {
    server = await EsdbProtocolServer.start();
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await server.close();
  });

  it('resumes a subscription after the server crashes and returns, delivering every event once and in order', async () => {
    const store = open();
    await store.append('before-crash', [anEvent('B1'), anEvent('B2')]);
    const subscription = store.subscribeToAll();
    const iterator = subscription[Symbol.asyncIterator]();
    const events = { [Symbol.asyncIterator]: () => iterator };
    const before = await take(events, 2);
    await within(subscription.caughtUp, 5_000, 'catching up');

    // The reader keeps waiting through the outage, so the subscription notices the drop at once.
    const pending = take(events, 4, 15_000);
    server.stop();
    await sleep(700); // resubscribing fails while nothing listens on the port
    await server.start();
    await appendWhenReachable(store, 'after-crash', [anEvent('A1'), anEvent('A2')]);
    await store.append('after-crash', [anEvent('A3')]);
    await store.append('elsewhere', [anEvent('A4')]);

    const delivered = [...before, ...(await pending)];
    expect(delivered.map((e) => e.type)).toEqual(['B1', 'B2', 'A1', 'A2', 'A3', 'A4']);
    expect(new Set(delivered.map((e) => e.id)).size).toBe(6);
    for (let i = 1; i < delivered.length; i++) {
      expect(store.comparePositions(delivered[i - 1].position, delivered[i].position)).toBeLessThan(0);
    }
    await expect(take(events, 1, 300)).rejects.toThrow('got 0 of 1 events');
    await subscription.close();
    expect((await iterator.next()).done).toBe(true);
  }, 30_000);

  it('knows it caught up with a server that sends no caught-up message', async () => {
    server.stop();
    server = await EsdbProtocolServer.start({ caughtUpMessages: false });
    const store = open();
    await store.append('s', [anEvent('Old1'), anEvent('Old2')]);
    const subscription = store.subscribeToAll();
    const history = take(subscription, 2);
    await within(subscription.caughtUp, 5_000, 'catching up');
    expect((await history).map((e) => e.type)).toEqual(['Old1', 'Old2']);
    const empty = open({ namespace: 'nothing-here-' }).subscribeToAll();
    const none = take(empty, 1, 500).catch(() => []);
    await within(empty.caughtUp, 5_000, 'catching up on an empty log');
    expect(await none).toEqual([]);
  }, 15_000);

  it('keeps namespaces apart on one server', async () => {
    const cnddr = open({ namespace: 'cnddr-' });
    const cts = open({ namespace: 'cts-' });
    await cnddr.append('decisions', [anEvent('Decided', { n: 1 })]);
    expect(await cts.headPosition()).toBeUndefined();
    expect(await cts.readStream('decisions')).toEqual([]);
    await cts.append('decisions', [anEvent('Decided', { n: 2 })]);
    const read = (events: RecordedEvent[]) => events.map((e) => [e.streamId, e.data.n]);
    expect(read(await cnddr.readAll())).toEqual([['decisions', 1]]);
    expect(read(await cts.readAll())).toEqual([['decisions', 2]]);
    expect(read(await take(cts.subscribeToAll({ filter: { eventTypes: ['Decided'] } }), 1))).toEqual([['decisions', 2]]);
  });

  it('subscribes to event types OR stream prefixes, which no single server filter can express', async () => {
    const store = open();
    const subscription = store.subscribeToAll({ filter: { eventTypes: ['MeetingHeld'], streamPrefixes: ['instrument-'] } });
    await store.append('instrument-1', [anEvent('InstrumentProposed')]);
    await store.append('programme-1', [anEvent('TrancheRegistered')]);
    await store.append('meetings-CTS', [anEvent('MeetingHeld'), anEvent('MeetingAdjourned')]);
    await store.append('instrument-1', [anEvent('StepDecided')]);
    expect((await take(subscription, 3)).map((e) => e.type)).toEqual(['InstrumentProposed', 'MeetingHeld', 'StepDecided']);
    await expect(take(subscription, 1, 300)).rejects.toThrow('got 0 of 1 events');
  });

  it('is what openEventStore opens for EVENT_STORE=esdb', async () => {
    const store = openEventStore({ eventStore: 'esdb', dataDir: '/nonexistent', esdbConnectionString: server.connectionString });
    try {
      expect(store).toBeInstanceOf(EsdbEventStore);
      await store.append('s', [anEvent('Opened')]);
      expect((await store.readStream('s')).map((e) => e.type)).toEqual(['Opened']);
    } finally {
      await store.close();
    }
    expect(() => openEventStore({ eventStore: 'esdb', dataDir: '/nonexistent' })).toThrow('ESDB_CONNECTION_STRING');
  });

  it('encodes commit and prepare positions in one token and orders by commit, then prepare', async () => {
    const store = open();
    expect(store.comparePositions('10:5', '10:7')).toBeLessThan(0);
    expect(store.comparePositions('11:0', '10:7')).toBeGreaterThan(0);
    expect(store.comparePositions('18446744073709551615:1', '18446744073709551615:1')).toBe(0);
    for (const bad of ['', '12', '-1:0', '1:2:3', 'a:b', '18446744073709551616:0']) {
      expect(() => store.comparePositions(bad, '1:1')).toThrow(InvalidPositionError);
    }
    await expect(store.readAll({ from: 'nope' })).rejects.toBeInstanceOf(InvalidPositionError);
    expect(() => store.subscribeToAll({ after: '7' })).toThrow(InvalidPositionError);
  });

  it('says the store is unavailable when no server answers', async () => {
    const store = open();
    server.stop();
    await expect(store.append('s', [anEvent()])).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect(store.readStream('s')).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });
});
