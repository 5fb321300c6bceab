import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { TokenService, signingSecret } from '@ddr/access';
import { SqliteEventStore } from '@ddr/event-store';
import { ServerProcess } from '../support/server-process';

const MEETING = `mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { position } }`;

const readModelCheckpoint = (dataDir: string) => {
  const db = new Database(join(dataDir, 'read-model.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT position, seq FROM read_model').get() as { position: string; seq: number };
  } finally {
    db.close();
  }
};

/**
 * SIGTERM while writes are in flight: they finish, the projections
 * checkpoint, the store closes, the process exits 0; a restart resumes from
 * the checkpoint without replaying the log.
 */
describe('graceful shutdown', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ddr-shutdown-'));
  const server = new ServerProcess({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '1000000' });
  afterAll(() => server.dispose());

  it('finishes in-flight writes, checkpoints, and restarts without replay', async () => {
    await server.start();
    const token = new TokenService(signingSecret(dataDir)).issue({ subject: 'cts-clerk', body: 'CTS', role: 'SECRETARIAT', ttlSeconds: 600 });
    const send = (number: number) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: MEETING, variables: { input: { body: 'CTS', number, effectiveDate: '2019-09-25' } } }),
      })
        .then(async (response) => ((await response.json()) as { data?: { recordMeeting: { position: string } } }).data?.recordMeeting.position)
        .catch(() => undefined);
    const inFlight = Array.from({ length: 40 }, (_, i) => send(i + 1));
    await Promise.race(inFlight); // the server is answering; the others are still in flight
    const exit = server.stop('SIGTERM');
    const positions = (await Promise.all(inFlight)).filter((position): position is string => position !== undefined);
    expect(await exit).toBe(0);
    expect(positions.length).toBeGreaterThan(0);

    const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
    const head = await store.headPosition();
    const events = await store.readAll();
    await store.close();
    for (const position of positions) expect(events.some((event) => event.position === position)).toBe(true);
    const stopped = readModelCheckpoint(dataDir);
    expect(stopped).toEqual({ position: head, seq: events.length });

    await server.start();
    const health = (await (await fetch(`${server.url}/health`)).json()) as { readModelPosition: string };
    expect(health.readModelPosition).toBe(head);
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(readModelCheckpoint(dataDir)).toEqual(stopped);
  }, 60_000);
});
