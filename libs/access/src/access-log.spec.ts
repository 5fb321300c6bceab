import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '@ddr/event-store';
import { chainLinkOf } from '@ddr/ledger';
import { AccessLog, ACCESS_LOG_STREAM, type Refusal } from './access-log';

const refusal = (n: number): Refusal => ({
  subject: `clerk-${n}`,
  body: 'CTS',
  role: 'LIAISON',
  operation: 'Mutation.recordMeeting',
  code: 'FORBIDDEN',
  reason: 'readers may not write',
});

describe('the access log', () => {
  it('writes queued refusals in one append, and counts those beyond its capacity', async () => {
    const store = new SqliteEventStore({ file: join(mkdtempSync(join(tmpdir(), 'ddr-access-')), 'events.sqlite') });
    const log = new AccessLog(store, { capacity: 10, flushIntervalMs: 60_000 });
    for (let n = 0; n < 25; n++) log.record(refusal(n));
    await log.close();
    const events = await store.readStream(ACCESS_LOG_STREAM);
    expect(events.map((e) => e.type)).toEqual([...Array(10).fill('AccessRefused'), 'AccessRefusalsCounted']);
    expect(events[0].data).toMatchObject({ subject: 'clerk-0', code: 'FORBIDDEN', operation: 'Mutation.recordMeeting' });
    expect(events[0].metadata).toMatchObject({ actor: 'clerk-0', body: 'CTS', role: 'LIAISON' });
    expect(events[10].data).toMatchObject({ count: 15 });
    expect(new Set(events.map((e) => e.position)).size).toBe(11);
    await store.close();
  });

  it('keeps refusals it could not write for the next attempt', async () => {
    const store = new SqliteEventStore({ file: join(mkdtempSync(join(tmpdir(), 'ddr-access-')), 'events.sqlite') });
    const failing = Object.create(store) as SqliteEventStore;
    let fail = true;
    failing.append = (...args) => (fail ? Promise.reject(new Error('disk full')) : store.append(...args));
    const errors: unknown[] = [];
    const log = new AccessLog(failing, { flushIntervalMs: 60_000, onError: (e) => errors.push(e) });
    log.record(refusal(1));
    await log.flush();
    expect(errors).toHaveLength(1);
    fail = false;
    await log.close();
    expect(await store.readStream(ACCESS_LOG_STREAM)).toHaveLength(1);
    await store.close();
  });

  it('chains every refusal to the one before, even when another writer appends in between', async () => {
    const store = new SqliteEventStore({ file: join(mkdtempSync(join(tmpdir(), 'ddr-access-')), 'events.sqlite') });
    const other = new AccessLog(store, { flushIntervalMs: 60_000 });
    const racing = Object.create(store) as SqliteEventStore;
    let raced = false;
    racing.readStream = async (...args) => {
      const events = await store.readStream(...args);
      if (!raced) {
        // Another server writes after our read and before our append.
        raced = true;
        other.record(refusal(99));
        await other.flush();
      }
      return events;
    };
    const log = new AccessLog(racing, { flushIntervalMs: 60_000 });
    log.record(refusal(1));
    log.record(refusal(2));
    await log.close();
    await other.close();
    const events = await store.readStream(ACCESS_LOG_STREAM);
    expect(events.map((e) => e.data.subject)).toEqual(['clerk-99', 'clerk-1', 'clerk-2']);
    expect(events.map((e) => e.metadata.previousHash)).toEqual([null, ...events.slice(0, -1).map((e: RecordedEvent) => chainLinkOf(e).hash)]);
    await store.close();
  });
});
