import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuplicateEventIdError } from '../errors';
import { anEvent, eventStoreContract } from '../testing';
import { SqliteEventStore } from './sqlite-event-store';

const dir = mkdtempSync(join(tmpdir(), 'ddr-sqlite-contract-'));
let n = 0;

eventStoreContract('SQLite on a real file', {
  open: async () => new SqliteEventStore({ file: join(dir, `events-${n++}.sqlite`) }),
  dispose: async () => rmSync(dir, { recursive: true, force: true }),
});

/**
 * Stricter than the port (and than EventStoreDB, which checks event ids only
 * for retries within a stream): the SQLite store records an event id once in
 * the whole log.
 */
describe('SQLite: an event id is recorded once in the whole log', () => {
  let store: SqliteEventStore;
  beforeEach(() => {
    store = new SqliteEventStore({ file: join(dir, `strict-${n++}.sqlite`) });
  });
  afterEach(() => store.close());

  it('the same events against another revision are a conflict', async () => {
    const events = [anEvent()];
    await store.append('s', events, { expectedRevision: 'no_stream' });
    await store.append('s', [anEvent()]);
    await expect(store.append('s', events, { expectedRevision: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await store.readStream('s')).toHaveLength(2);
  });

  it('a batch with an event id recorded elsewhere writes none of the batch', async () => {
    const taken = anEvent();
    await store.append('first', [taken]);
    await expect(store.append('second', [anEvent(), taken])).rejects.toBeInstanceOf(DuplicateEventIdError);
    expect(await store.readStream('second')).toEqual([]);
  });
});

/** The bulk path the history generator uses: each append checked as `append` checks it, all or nothing. */
describe('SQLite: appendBatch', () => {
  let store: SqliteEventStore;
  beforeEach(() => {
    store = new SqliteEventStore({ file: join(dir, `batch-${n++}.sqlite`) });
  });
  afterEach(() => store.close());

  it('writes the appends in order, in one transaction, and answers as each append would', async () => {
    const results = await store.appendBatch([
      { streamId: 'a', events: [anEvent(), anEvent()], expectedRevision: 'no_stream' },
      { streamId: 'b', events: [anEvent()], expectedRevision: 'no_stream' },
      { streamId: 'a', events: [anEvent()], expectedRevision: 1 },
    ]);
    expect(results.map((r) => r.nextExpectedRevision)).toEqual([1, 0, 2]);
    expect(results.map((r) => r.position)).toEqual(['2', '3', '4']);
    expect((await store.readAll()).map((e) => `${e.streamId}@${e.revision}`)).toEqual(['a@0', 'a@1', 'b@0', 'a@2']);
  });

  it('a wrong expected revision anywhere in the batch writes none of it', async () => {
    await store.append('a', [anEvent()]);
    await expect(
      store.appendBatch([
        { streamId: 'b', events: [anEvent()], expectedRevision: 'no_stream' },
        { streamId: 'a', events: [anEvent()], expectedRevision: 'no_stream' },
      ]),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await store.headPosition()).toBe('1');
  });

  it('refuses bad input before anything is written', async () => {
    await expect(
      store.appendBatch([
        { streamId: 'b', events: [anEvent()] },
        { streamId: '', events: [anEvent()] },
      ]),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await store.headPosition()).toBeUndefined();
  });

  it('a batch sent again writes nothing new, as an append sent again does', async () => {
    const batch = [{ streamId: 'a', events: [anEvent()], expectedRevision: 'no_stream' as const }];
    const first = await store.appendBatch(batch);
    expect(await store.appendBatch(batch)).toEqual(first.map((result) => ({ ...result, replayed: true })));
    expect(await store.readStream('a')).toHaveLength(1);
  });
});

/** Events appended without a claim (recorded before the index, imported, generated) are indexed at the next open. */
describe('SQLite: the command-id index catches up at open', () => {
  const acted = (type: string, commandId: string, commandDigest?: string) => anEvent(type, {}, { commandId, ...(commandDigest ? { commandDigest } : {}) });

  it('binds each unclaimed command id to the stream of its last event, and keeps claims already made', async () => {
    const file = join(dir, `index-${n++}.sqlite`);
    const before = new SqliteEventStore({ file });
    // A decision citing a new meeting: the meeting's register first, the decision last.
    await before.append('meetings-CTS', [acted('MeetingEstablished', 'cts-41-plan')]);
    await before.append('instrument-plan', [acted('StepDecided', 'cts-41-plan', 'digest-1')]);
    await before.append('instrument-decree', [acted('InstrumentProposed', 'old-id')]);
    await before.appendBatch([{ streamId: 'instrument-quota', events: [acted('InstrumentProposed', 'claimed')] }], {
      claim: { commandId: 'claimed', streamId: 'instrument-quota', digest: 'digest-2' },
    });
    expect(await before.findClaim('cts-41-plan')).toBeUndefined();
    await before.close();

    const after = new SqliteEventStore({ file });
    expect(await after.findClaim('cts-41-plan')).toEqual({ commandId: 'cts-41-plan', streamId: 'instrument-plan', digest: 'digest-1' });
    expect(await after.findClaim('old-id')).toEqual({ commandId: 'old-id', streamId: 'instrument-decree', digest: null });
    expect(await after.findClaim('claimed')).toEqual({ commandId: 'claimed', streamId: 'instrument-quota', digest: 'digest-2' });
    await after.append('instrument-later', [acted('InstrumentProposed', 'later-id', 'digest-3')]);
    await after.close();

    const again = new SqliteEventStore({ file });
    expect(await again.findClaim('later-id')).toMatchObject({ streamId: 'instrument-later' });
    await again.close();
  });
});
