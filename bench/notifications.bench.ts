import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { TokenService } from '@ddr/access';
import { SqliteEventStore } from '@ddr/event-store';
import { appendImplementedInstruments, milestoneRequest, SECONDS, WARMUP_SECONDS } from './graphql.bench';
import { load, type LoadResult } from './load';
import { absolute, compared, percentile, type Benchmark } from './harness';
import { BENCH_JWT_SECRET, settled, startApi } from './processes';

const MUTATED_INSTRUMENTS = 500;
/** The API projects the history before its /health answers 200: slow on a busy machine. */
const START_TIMEOUT_MS = 180_000;
/** Plans proposed per second beside the load, each awaiting the CTS: what the endpoints are told. */
const PROBES_PER_SECOND = 5;
const DRAIN_TIMEOUT_MS = 30_000;

const PROPOSE = `mutation($input: ProposeInstrumentInput!) { proposeInstrument(input: $input) { position } }`;
const REGISTER = `mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { endpoint { id } } }`;

/** The receiver: a plain HTTP server in the bench process, keeping when each webhook arrived and for which log position. */
class Receiver {
  readonly arrivals: Array<{ position: string; at: number }> = [];
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const at = Date.now();
        const { data } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: { position: string } };
        this.arrivals.push({ position: data.position, at });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

interface Phase {
  endpoints: number;
  load: LoadResult;
  probes: number;
  /** Milliseconds from the event's commit to its webhook's arrival, one per delivery. */
  lags: number[];
  undelivered: number;
}

export const notificationsBenchmark: Benchmark = {
  name: 'notifications',
  title: 'Webhook delivery under the graphql mutation load',
  async run({ scratchDir, log }) {
    const dataDir = scratchDir('notifications');
    const setup = new SqliteEventStore({ file: join(dataDir, 'events.sqlite'), synchronous: 'NORMAL' });
    const mutated = await appendImplementedInstruments(setup, 'notify-bench', MUTATED_INSTRUMENTS);
    await setup.close();

    const receiver = await new Receiver().start();
    const api = await startApi(dataDir, { WEBHOOK_ALLOW_PRIVATE: 'true' }, START_TIMEOUT_MS);
    const events = new Database(join(dataDir, 'events.sqlite'), { readonly: true, timeout: 5_000 });
    try {
      await settled(api.child.pid!);
      const token = new TokenService(BENCH_JWT_SECRET).issue({ subject: 'cts-bench', body: 'CTS', role: 'SECRETARIAT', ttlSeconds: 3_600 });
      const graphql = async (query: string, variables: object) => {
        const response = await fetch(`${api.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, variables }),
        });
        const answer = (await response.json()) as { errors?: unknown[] };
        if (answer.errors) throw new Error(JSON.stringify(answer.errors));
      };
      const committedAt = events.prepare<[number], { committed_at: string }>('SELECT committed_at FROM events WHERE position = ?');
      let registered = 0;
      let proposed = 0;

      /** The mutation load, with a plan proposed every 1/PROBES_PER_SECOND s beside it, until every webhook it causes arrived. */
      const phase = async (endpoints: number): Promise<Phase> => {
        for (; registered < endpoints; registered++) {
          await graphql(REGISTER, { input: { url: `${receiver.url}/hooks/${registered}`, kinds: ['STEP_AWAITED'] } });
        }
        log(`notifications: ${endpoints} endpoint(s): ${WARMUP_SECONDS} s warm-up, ${SECONDS} s measured with ${PROBES_PER_SECOND} plans/s beside it`);
        await load(api.url, token, milestoneRequest(mutated), WARMUP_SECONDS);
        await settled(api.child.pid!, 15_000);
        const arrivedBefore = receiver.arrivals.length;
        let probes = 0;
        const proposals: Array<Promise<void>> = [];
        const probe = setInterval(() => {
          const instrumentId = `notify-probe-${proposed++}`;
          probes++;
          const plan = {
            instrumentId,
            kind: 'PLAN',
            title: `Probe ${instrumentId}`,
            leadBody: 'CTS',
            pathway: [{ body: 'CTS', action: 'APPROVE' }],
            effectiveDate: '2020-01-02',
          };
          proposals.push(graphql(PROPOSE, { input: plan }));
        }, 1_000 / PROBES_PER_SECOND);
        const measured = await load(api.url, token, milestoneRequest(mutated), SECONDS).finally(() => clearInterval(probe));
        await Promise.all(proposals);
        const expected = probes * endpoints;
        const deadline = Date.now() + DRAIN_TIMEOUT_MS;
        while (receiver.arrivals.length - arrivedBefore < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        const arrivals = receiver.arrivals.slice(arrivedBefore);
        const lags = arrivals.map(({ position, at }) => at - Date.parse(committedAt.get(Number(position))!.committed_at));
        await settled(api.child.pid!, 15_000);
        return { endpoints, load: measured, probes, lags, undelivered: expected - arrivals.length };
      };

      const none = await phase(0);
      const one = await phase(1);
      const hundred = await phase(100);
      const phases = [none, one, hundred];
      const failed = phases.reduce((n, p) => n + p.load.graphqlErrors + p.load.errors, 0);
      if (failed > 0) log(`notifications: failed requests: ${phases.map((p) => p.load.firstError).join('; ')}`);
      return {
        workload:
          `the graphql benchmark's mutation load (recordMilestone on ${MUTATED_INSTRUMENTS} instruments, 50 connections, ${SECONDS} s after a ${WARMUP_SECONDS} s warm-up) ` +
          `with ${PROBES_PER_SECOND} plans a second proposed beside it, each awaiting the CTS; the CTS's endpoints (0, then 1, then 100, all wanting STEP_AWAITED) ` +
          'point at one HTTP receiver in the bench process. Lag: from the event\u2019s commit (committed_at in events.sqlite) to the webhook\u2019s arrival, ' +
          'every delivery counted, waiting for the queue to drain after the load.',
        baseline: 'the same load on the same server, same run, with no endpoint registered.',
        measures: [
          absolute('delivery lag p50, 1 endpoint', percentile(one.lags, 50), 'ms'),
          absolute('delivery lag p99, 1 endpoint', percentile(one.lags, 99), 'ms'),
          absolute('delivery lag p50, 100 endpoints', percentile(hundred.lags, 50), 'ms'),
          absolute('delivery lag p99, 100 endpoints', percentile(hundred.lags, 99), 'ms'),
          compared('recordMilestone, 1 endpoint', one.load.requestsPerSecond, 'req/s', { name: 'no endpoint', value: none.load.requestsPerSecond }),
          compared('recordMilestone, 100 endpoints', hundred.load.requestsPerSecond, 'req/s', { name: 'no endpoint', value: none.load.requestsPerSecond }),
          absolute('webhooks not delivered', one.undelivered + hundred.undelivered, 'webhooks', { text: '0', met: (v) => v === 0 }),
          absolute('failed requests (all runs)', failed, 'req', { text: '0', met: (v) => v === 0 }),
        ],
        details: {
          phases: phases.map(({ lags, ...p }) => ({ ...p, deliveries: lags.length, lagP50: percentile(lags, 50), lagP99: percentile(lags, 99) })),
        },
      };
    } finally {
      events.close();
      await api.stop();
      await receiver.close();
    }
  },
};
