import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenService, signingSecret } from '@ddr/access';
import { EVENT_STORE, SqliteEventStore, type EventStore } from '@ddr/event-store';
import { readSettings } from '@ddr/settings';
import { writeGeneratedHistory } from '../../apps/cli/src/commands/generate';
import { ReadSide } from '../../apps/api/src/read-side/read-side';
import { startServer } from '../../apps/api/src/server';

const EVENTS = 10_000;

/** A store of `EVENTS` events and no read model: what a new read model version or a restore leaves. */
async function storeWithoutReadModel(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ddr-catching-up-'));
  const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite'), synchronous: 'NORMAL' });
  await writeGeneratedHistory(store, { events: EVENTS, seed: 5 });
  await store.close();
  return dataDir;
}

describe(`a start with the read model ${EVENTS.toLocaleString('en')} events behind the log`, () => {
  it('listens at once and says how far behind it is, refuses reads with READ_MODEL_CATCHING_UP until level, then answers them', async () => {
    const settings = readSettings({ NODE_ENV: process.env.NODE_ENV, DATA_DIR: await storeWithoutReadModel(), PORT: '0', FIRST_START_SCENARIO: 'none' });
    const { app, url } = await startServer(settings);
    try {
      const readSide = app.get(ReadSide);
      expect(readSide.caughtUpWithStart).toBe(false);
      const token = new TokenService(signingSecret(settings.dataDir, settings.jwtSecret)).issue({
        subject: 'cts',
        body: 'CTS',
        role: 'SECRETARIAT',
        ttlSeconds: 600,
      });
      const query = () =>
        fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: '{ instruments(first: 1) { totalCount } }' }),
        });

      expect((await fetch(`${url}/health/live`)).status).toBe(200);
      // Probes count how far behind each follower is without reading the events: a readiness poll every few
      // milliseconds had parsed up to 30,000 events a call, and a catch-up of 21,000 events took 62 s instead of 14.
      const store = app.get<EventStore>(EVENT_STORE);
      const read = jest.spyOn(store, 'readAll');
      const counted = jest.spyOn(store, 'countAfter');
      const health = await fetch(`${url}/health`);
      expect(read).not.toHaveBeenCalled();
      expect(counted.mock.calls.map(([, cap]) => cap)).toEqual([10_000, 10_000, 10_000]);
      read.mockRestore();
      counted.mockRestore();
      expect(health.status).toBe(503);
      const said = (await health.json()) as { reason: string; headPosition: string; followers: { projections: { events: number } } };
      expect(said.reason).toContain('catching up');
      // The history, and what the server appended since it started (its ledger's first checkpoint).
      expect(Number(said.headPosition)).toBeGreaterThanOrEqual(EVENTS);
      expect(said.followers.projections.events).toBeGreaterThan(0);
      expect((await fetch(`${url}/health/ready`)).status).toBe(503);

      const refused = await query();
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
      expect(((await refused.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('READ_MODEL_CATCHING_UP');
      expect((await fetch(`${url}/exports/instruments.csv`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(503);

      await readSide.caughtUp;
      expect(Number(readSide.position)).toBeGreaterThanOrEqual(EVENTS);
      expect((await fetch(`${url}/health`)).status).toBe(200);
      expect((await fetch(`${url}/health/ready`)).status).toBe(200);
      const answered = (await (await query()).json()) as { data: { instruments: { totalCount: number } } };
      expect(answered.data.instruments.totalCount).toBeGreaterThan(100);
    } finally {
      await app.close();
    }
  });
});
