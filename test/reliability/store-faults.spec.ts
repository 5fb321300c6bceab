import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { startTestServer, type RunningServer } from '../support/server';
import { SmallDisk } from '../support/tmpfs';

const MEETING = `mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { position } }`;

/**
 * Faults under the SQLite store: a full disk (a small tmpfs), a read-only
 * store, a lock held by another process. Each time the server answers STORE_UNAVAILABLE, stays up,
 * writes nothing half, and resumes when the fault clears.
 */
describe('store faults', () => {
  let disk: SmallDisk;
  let server: RunningServer;
  let store: EventStore;
  let cts: string;
  let number = 0;

  const record = (commandId: string) => server.graphql(MEETING, { input: { body: 'CTS', number: ++number, effectiveDate: '2019-09-25', commandId } }, cts);
  const recorded = async (commandId: string) => (await store.readStream('meetings-CTS')).filter((event) => event.metadata.commandId === commandId).length;
  const health = async () => (await fetch(`${server.url}/health`)).status;

  beforeAll(async () => {
    disk = new SmallDisk(24);
    server = await startTestServer({ DATA_DIR: join(disk.path, 'data'), SQLITE_BUSY_TIMEOUT_MS: '300' });
    store = server.app.get(EVENT_STORE);
    cts = server.token('CTS', 'SECRETARIAT');
    expect((await record('before-faults')).errors).toBeUndefined();
    // The read model level with the log first: the faults are the store's, not a projection caught mid-write.
    for (let level = false; !level; await new Promise((resolve) => setTimeout(resolve, 20))) {
      const { headPosition, readModelPosition } = (await (await fetch(`${server.url}/health`)).json()) as Record<string, string>;
      level = headPosition === readModelPosition;
    }
  });
  afterAll(async () => {
    await server?.close();
    disk?.unmount();
  });

  it('a full disk: STORE_UNAVAILABLE, nothing written, and writes resume once space is freed', async () => {
    const filler = join(disk.path, 'filler');
    try {
      execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=1M', 'count=64'], { stdio: 'ignore' });
    } catch {
      // dd stops with "No space left on device": the disk is full, as wanted.
    }
    const refused = await record('while-full');
    expect(refused.errors?.[0].extensions?.code).toBe('STORE_UNAVAILABLE');
    expect(await recorded('while-full')).toBe(0);
    const read = await server.graphql('{ meetings(body: CTS) { meeting } }', undefined, cts);
    expect(read.errors).toBeUndefined();
    rmSync(filler);
    expect((await record('after-full')).errors).toBeUndefined();
    expect(await recorded('after-full')).toBe(1);
  });

  /**
   * A mounted file system cannot be remounted read-only while the store holds
   * it open for writing, and root ignores file modes; the documented
   * equivalent is SQLite's `query_only`, under which the store's own
   * connection refuses every write with SQLITE_READONLY, as a read-only file
   * does. (The test reaches into the adapter's connection for it.)
   */
  it('a read-only store: STORE_UNAVAILABLE, reads go on, and writes resume once it is writable', async () => {
    const connection = (store as unknown as { db: Database.Database }).db;
    connection.pragma('query_only = 1');
    try {
      const refused = await record('while-read-only');
      expect(refused.errors?.[0].extensions?.code).toBe('STORE_UNAVAILABLE');
      expect(refused.errors?.[0].message).toMatch(/SQLITE_READONLY/);
      const read = await server.graphql('{ meetings(body: CTS) { meeting } }', undefined, cts);
      expect(read.errors).toBeUndefined();
      expect(await health()).toBe(200);
    } finally {
      connection.pragma('query_only = 0');
    }
    expect(await recorded('while-read-only')).toBe(0);
    expect((await record('after-read-only')).errors).toBeUndefined();
    expect(await recorded('after-read-only')).toBe(1);
  });

  it('a lock held by another process: STORE_UNAVAILABLE after the busy timeout, and writes resume once it is released', async () => {
    const other = new Database(join(disk.path, 'data', 'events.sqlite'));
    other.exec('BEGIN IMMEDIATE');
    try {
      const refused = await record('while-locked');
      expect(refused.errors?.[0].extensions?.code).toBe('STORE_UNAVAILABLE');
      expect(refused.errors?.[0].message).toMatch(/SQLITE_BUSY/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(await recorded('while-locked')).toBe(0);
    expect((await record('after-lock')).errors).toBeUndefined();
  });
});
