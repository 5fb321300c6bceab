import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ddr/event-store';
import { AccessLog, ACCESS_LOG_STREAM, type Refusal } from './access-log';

const refusal = (n: number): Refusal => ({ subject: `clerk-${n}`, body: 'CTS', role: 'LIAISON', operation: 'Mutation.recordMeeting', code: 'FORBIDDEN', reason: 'readers may not write' });

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
});
