import { EsdbProtocolServer } from '@ddr/event-store/testing';
import { LAG_COUNT_CAP } from '@ddr/telemetry/prometheus';
import { MetricsLifecycle } from '../../apps/api/src/operations/operations.module';
import { plan } from '../support/redeployment-plan';
import { startTestServer, type RunningServer } from '../support/server';
import { collect, subscriptionClient } from '../support/subscriptions';
import { WebhookReceiver } from '../notifications/webhook-receiver';
import { samples, total, value, type Sample } from './exposition';

const PROPOSE = 'mutation ($input: ProposeInstrumentInput!) { proposeInstrument(input: $input) { position replayed } }';
const INSTRUMENT = 'query ($id: ID!, $at: String) { instrument(id: $id, minPosition: $at) { status } }';
const RATE_LIMIT = 100;
const FLOOD = 2 * RATE_LIMIT + 5;

const proposal = (n: number) => ({ ...plan, instrumentId: `load-plan-${n}`, title: `Load plan ${n}`, commandId: `load-${n}` });

async function scrape(server: RunningServer): Promise<Sample[]> {
  const response = await fetch(server.app.get(MetricsLifecycle).url!);
  if (response.status !== 200) throw new Error(`scrape answered ${response.status}: ${await response.text()}`);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return samples(await response.text());
}

/** `count` calls of `send`, at most `width` in flight: a bounded load that ends by itself. */
async function bounded(count: number, width: number, send: (n: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await send(next++);
    }),
  );
}

describe('/metrics under a bounded load', () => {
  let server: RunningServer;
  let during: Sample[];
  let after: Sample[];
  const commands = 40;
  const queries = 60;

  beforeAll(async () => {
    server = await startTestServer({ METRICS_PORT: '0', RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) });
    const clerk = server.token('CTS', 'SECRETARIAT');
    const liaison = server.token('SCDS', 'LIAISON');
    const flooder = server.token('MOC', 'LIAISON');
    // A subscription stays open through the load: the gauge must count it.
    const client = subscriptionClient(server.url, server.token('CSA', 'LIAISON'));
    // It waits for every proposal of the load, so it is still open when the load is scraped.
    const followed = collect(client, 'subscription { events(body: CTS) { type } }', {}, commands, 30_000);
    for (const deadline = Date.now() + 10_000; value(await scrape(server), 'ddr_subscriptions_open') !== 1;) {
      if (Date.now() > deadline) throw new Error('the subscription did not open');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    let position: string | undefined;
    const load = Promise.all([
      bounded(commands, 4, async (n) => {
        const answer = await server.graphql(PROPOSE, { input: proposal(n) }, clerk);
        expect(answer.errors).toBeUndefined();
        position = answer.data!.proposeInstrument.position;
      }),
      bounded(queries, 4, (n) => server.graphql(INSTRUMENT, { id: `load-plan-${n % commands}` }, liaison)),
      // Refusals, one of each kind the edge and the gate decide.
      // Twice the limit and 5: at least 5 refused even if a minute's window turns during the load.
      bounded(FLOOD, 4, () => server.graphql('{ logHead { position } }', {}, flooder)),
      server.graphql(PROPOSE, { input: proposal(1000) }, liaison),
      server.graphql(PROPOSE, { input: proposal(1001) }, 'not-a-token'),
      server.graphql(PROPOSE, { input: { ...proposal(1002), pathway: [] } }, clerk),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    during = await scrape(server);
    await load;
    // A retry of a done command, and the same id for another act.
    await server.graphql(PROPOSE, { input: proposal(0) }, clerk);
    await server.graphql(PROPOSE, { input: { ...proposal(0), title: 'Another act' } }, clerk);
    await server.graphql(INSTRUMENT, { id: 'load-plan-0', at: position }, liaison);
    await followed.done;
    // The server lets the subscription go once the client has completed it: scrape again until it has, bounded.
    for (const deadline = Date.now() + 10_000; value((after = await scrape(server)), 'ddr_subscriptions_open') !== 0 && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await client.dispose();
  }, 60_000);
  afterAll(() => server.close());

  it('answers while the load runs, with the subscription counted open', () => {
    expect(value(during, 'ddr_subscriptions_open')).toBe(1);
    expect(total(during, 'ddr_commands_total')).toBeGreaterThanOrEqual(0);
  });

  it('counts commands by type, body and outcome', () => {
    expect(value(after, 'ddr_commands_total', { command: 'ProposeInstrument', body: 'CTS', outcome: 'accepted' })).toBe(commands);
    expect(value(after, 'ddr_commands_total', { command: 'ProposeInstrument', body: 'CTS', outcome: 'replayed' })).toBe(1);
    expect(value(after, 'ddr_commands_total', { command: 'ProposeInstrument', body: 'CTS', outcome: 'CONFLICT' })).toBe(1);
    expect(value(after, 'ddr_commands_total', { command: 'ProposeInstrument', body: 'CTS', outcome: 'BAD_USER_INPUT' })).toBe(1);
  });

  it('times commands and queries in histograms', () => {
    const commandCount = value(after, 'ddr_command_duration_seconds_count', { command: 'ProposeInstrument' })!;
    expect(commandCount).toBe(commands + 3);
    const commandSum = value(after, 'ddr_command_duration_seconds_sum', { command: 'ProposeInstrument' })!;
    expect(commandSum / commandCount).toBeGreaterThan(0);
    expect(commandSum / commandCount).toBeLessThan(5);
    expect(value(after, 'ddr_command_duration_seconds_bucket', { command: 'ProposeInstrument', le: '+Inf' })).toBe(commandCount);
    // Every instrument query of the load and the read-your-writes one; every logHead query of the flooder, refused or not.
    expect(value(after, 'ddr_query_duration_seconds_count', { field: 'instrument' })).toBe(queries + 1);
    expect(value(after, 'ddr_query_duration_seconds_count', { field: 'logHead' })).toBe(FLOOD);
  });

  it('times appends and sizes their batches', () => {
    expect(value(after, 'ddr_append_duration_seconds_count')).toBeGreaterThanOrEqual(commands);
    expect(value(after, 'ddr_append_batch_events_sum')).toBeGreaterThanOrEqual(commands);
    expect(value(after, 'ddr_append_batch_events_bucket', { le: '1' })).toBeGreaterThanOrEqual(commands);
    expect(value(after, 'ddr_append_duration_seconds_sum')! / value(after, 'ddr_append_duration_seconds_count')!).toBeLessThan(5);
  });

  it('reports the lag of the projections and the ledger tree, in events and seconds', () => {
    for (const follower of ['projections', 'ledger-tree', 'notifications']) {
      const events = value(during, 'ddr_follower_lag_events', { follower })!;
      expect(events).toBeGreaterThanOrEqual(0);
      expect(events).toBeLessThanOrEqual(LAG_COUNT_CAP);
      expect(value(during, 'ddr_follower_lag_seconds', { follower })).toBeLessThan(30);
    }
    // Read-your-writes reached the last proposal: the projections are level with the head.
    expect(value(after, 'ddr_follower_lag_events', { follower: 'projections' })).toBe(0);
    expect(value(after, 'ddr_follower_lag_seconds', { follower: 'projections' })).toBe(0);
  });

  it('counts refusals by code', () => {
    expect(value(after, 'ddr_access_refusals_total', { code: 'RATE_LIMITED' })).toBeGreaterThanOrEqual(5);
    expect(value(after, 'ddr_access_refusals_total', { code: 'FORBIDDEN' })).toBe(1);
    expect(value(after, 'ddr_access_refusals_total', { code: 'UNAUTHENTICATED' })).toBe(1);
    expect(value(after, 'ddr_subscriptions_open')).toBe(0);
  });

  it('reports the event loop lag, the heap and the resident memory', () => {
    const lag = value(after, 'nodejs_eventloop_lag_seconds')!;
    expect(lag).toBeGreaterThan(0);
    expect(lag).toBeLessThan(5);
    const heap = value(after, 'nodejs_heap_size_used_bytes')!;
    expect(heap).toBeGreaterThan(10 * 2 ** 20);
    expect(value(after, 'process_resident_memory_bytes')).toBeGreaterThan(heap);
  });

  it('reports the size of each SQLite write-ahead log', () => {
    expect(value(after, 'ddr_sqlite_wal_bytes', { file: 'events' })).toBeGreaterThan(0);
    expect(value(after, 'ddr_sqlite_wal_bytes', { file: 'read-model' })).toBeGreaterThan(0);
    expect(value(after, 'ddr_sqlite_wal_bytes', { file: 'ledger' })).toBeGreaterThanOrEqual(0);
    expect(value(after, 'ddr_esdb_connected')).toBeUndefined();
  });

  it('reports the space left where DATA_DIR is', () => {
    const free = value(after, 'ddr_data_dir_free_bytes')!;
    expect(free).toBeGreaterThan(0);
    expect(free).toBeLessThanOrEqual(value(after, 'ddr_data_dir_size_bytes')!);
  });

  it('is not on the public port', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
  });
});

describe('/metrics of notifications', () => {
  it("counts each webhook attempt by outcome, a FAILING endpoint as gave_up, and the notifier's lag only in the streams it follows", async () => {
    const server = await startTestServer({ METRICS_PORT: '0', WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_MAX_ATTEMPTS: '2' });
    const down = await new WebhookReceiver(() => 500).start();
    const up = await new WebhookReceiver().start();
    const clerk = server.token('CTS', 'SECRETARIAT');
    const REGISTER = 'mutation ($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { secret } }';
    try {
      for (const receiver of [down, up]) {
        expect((await server.graphql(REGISTER, { input: { url: receiver.url, kinds: ['STEP_AWAITED'] } }, clerk)).errors).toBeUndefined();
      }
      const proposed = await server.graphql(PROPOSE, { input: proposal(1) }, clerk);
      expect(proposed.errors).toBeUndefined();
      await Promise.all([down.waitFor(2), up.waitFor(1)]);
      // A refusal is written to the access log, a stream the notifier does not follow: not its lag.
      await server.graphql(PROPOSE, { input: proposal(2) }, server.token('CTS', 'LIAISON'));
      let now: Sample[] = [];
      for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
        now = await scrape(server);
        if (value(now, 'ddr_notification_deliveries_total', { channel: 'webhook', outcome: 'gave_up' }) === 1) break;
      }
      expect(value(now, 'ddr_notification_deliveries_total', { channel: 'webhook', outcome: 'delivered' })).toBe(1);
      expect(value(now, 'ddr_notification_deliveries_total', { channel: 'webhook', outcome: 'failed' })).toBe(1);
      expect(value(now, 'ddr_notification_deliveries_total', { channel: 'webhook', outcome: 'gave_up' })).toBe(1);
      expect(value(now, 'ddr_follower_lag_events', { follower: 'notifications' })).toBe(0);
      expect(value(now, 'ddr_follower_lag_events', { follower: 'projections' })).toBeGreaterThanOrEqual(0);
      expect(value(now, 'ddr_sqlite_wal_bytes', { file: 'notifications' })).toBeGreaterThan(0);
    } finally {
      await server.close();
      await Promise.all([down.close(), up.close()]);
    }
  }, 60_000);
});

describe('/metrics on EventStoreDB', () => {
  it('reports the connection state and counts a reconnection', async () => {
    const esdb = await EsdbProtocolServer.start();
    const server = await startTestServer({ METRICS_PORT: '0', EVENT_STORE: 'esdb', ESDB_CONNECTION_STRING: esdb.connectionString });
    const clerk = server.token('CTS', 'SECRETARIAT');
    try {
      expect((await server.graphql(PROPOSE, { input: proposal(1) }, clerk)).errors).toBeUndefined();
      let now = await scrape(server);
      expect(value(now, 'ddr_esdb_connected')).toBe(1);
      expect(value(now, 'ddr_esdb_reconnects_total')).toBe(0);
      expect(value(now, 'ddr_sqlite_wal_bytes', { file: 'events' })).toBeUndefined();

      esdb.stop();
      const refused = await server.graphql(PROPOSE, { input: proposal(2) }, clerk);
      expect(refused.errors?.[0].extensions?.code).toBe('STORE_UNAVAILABLE');
      expect(value(await scrape(server), 'ddr_esdb_connected')).toBe(0);

      await esdb.start();
      // The client's channel comes back with a back-off of its own: retry as a client would.
      const deadline = Date.now() + 20_000;
      while ((await server.graphql(PROPOSE, { input: proposal(2) }, clerk)).errors) {
        if (Date.now() > deadline) throw new Error('EventStoreDB was not reached again');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      now = await scrape(server);
      expect(value(now, 'ddr_esdb_connected')).toBe(1);
      expect(value(now, 'ddr_esdb_reconnects_total')).toBeGreaterThanOrEqual(1);
    } finally {
      await server.close();
      await esdb.close();
    }
  }, 60_000);
});
