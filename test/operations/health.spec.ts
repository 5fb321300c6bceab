import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { Notifier } from '../../apps/api/src/notifications/notifier';
import { ReadSide } from '../../apps/api/src/read-side/read-side';
import { startTestServer, type RunningServer } from '../support/server';

const get = async (server: RunningServer, path: string) => {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('/health/live and /health/ready', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ READY_MAX_LAG: '2' });
  });
  afterAll(() => server.close());

  it('are both up on a server whose read model is level with the log; /health is kept', async () => {
    expect(await get(server, '/health/live')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await get(server, '/health/ready')).toEqual({ status: 200, body: { status: 'ok', lagEvents: 0, lagSeconds: 0 } });
    expect((await get(server, '/health')).status).toBe(200);
  });

  it('/health says how far each follower of the log is behind its head', async () => {
    await server.app.get(Notifier).follower.waitFor((await server.app.get<EventStore>(EVENT_STORE).headPosition())!, 10_000);
    const health = await get(server, '/health');
    const level = { events: 0, seconds: 0 };
    expect(health).toMatchObject({ status: 200, body: { followers: { projections: level, notifications: level } } });
    expect(health.body.followers).toHaveProperty('ledger-tree.events');
  });

  it('is not ready while the read model is more than READY_MAX_LAG events behind, and still live', async () => {
    // Projection stopped, three events appended behind its back.
    await server.app.get(ReadSide).runner.stop();
    const store = server.app.get<EventStore>(EVENT_STORE);
    const event = () => ({ id: randomUUID(), type: 'Noted', data: {}, metadata: { recordedAt: new Date().toISOString() } });
    await store.append('health-probe', [event(), event()]);
    expect(await get(server, '/health/ready')).toMatchObject({ status: 200, body: { lagEvents: 2 } });
    await store.append('health-probe', [event()]);
    const ready = await get(server, '/health/ready');
    expect(ready).toMatchObject({ status: 503, body: { status: 'unavailable', lagEvents: 3 } });
    expect(ready.body.reason).toContain('READY_MAX_LAG');
    expect(ready.body.lagSeconds).toBeGreaterThanOrEqual(0);
    expect((await get(server, '/health/live')).status).toBe(200);
    // The notifier does not watch the probe's stream: those events are not its lag.
    expect((await get(server, '/health')).body.followers).toMatchObject({ projections: { events: 3 }, notifications: { events: 0 } });
  });
});
