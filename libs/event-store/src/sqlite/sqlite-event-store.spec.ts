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
