import { join } from 'node:path';
import { TokenService } from '@ddr/access';
import { SqliteEventStore } from '@ddr/event-store';
import { BODIES } from '@ddr/kernel';
import { writeGeneratedHistory } from '../apps/cli/src/commands/generate';
import { compared, mean, now, percentile, type Benchmark } from './harness';
import { BENCH_JWT_SECRET, settled, startApi, type RunningProcess } from './processes';

export const SMALL_EVENTS = 20_000;
const ROUNDS = 6;
/** Per store and round: this many queries, one at a time, the bodies in turn. */
const ROUND_QUERIES = 200;

/** A body's desk as a client opens it: the first page of each of its lists, with their counts. */
export const BODY_VIEW_QUERY = `query($body: Body!) { body(code: $body) {
  awaiting { totalCount edges { node { id title awaiting { body action } } } pageInfo { hasNextPage endCursor } }
  waitingOnOthers { totalCount edges { node { id awaiting { body } } } pageInfo { hasNextPage endCursor } }
  overdue { totalCount edges { node { id description dueDate } } pageInfo { hasNextPage endCursor } }
  unmet { totalCount edges { node { id title blockedBy } } pageInfo { hasNextPage endCursor } }
  decisions { totalCount edges { node { instrumentId action outcome effectiveDate } } pageInfo { hasNextPage endCursor } }
  meetingsPage { totalCount edges { node { meeting effectiveDate } } } } }`;

interface Desk {
  name: string;
  events: number;
  api: RunningProcess;
  latencies: number[];
  totals: Record<string, Record<string, number>>;
}

async function ask(desk: Desk, token: string, body: string): Promise<number> {
  const started = now();
  const response = await fetch(`${desk.api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: BODY_VIEW_QUERY, variables: { body } }),
  });
  const answer = (await response.json()) as { data?: { body: Record<string, { totalCount: number }> }; errors?: unknown[] };
  const took = now() - started;
  if (answer.errors || !answer.data) throw new Error(`body(code: ${body}) failed on ${desk.name}: ${JSON.stringify(answer.errors)}`);
  desk.totals[body] = Object.fromEntries(Object.entries(answer.data.body).map(([list, connection]) => [list, connection.totalCount]));
  return took;
}

export const bodyViewBenchmark: Benchmark = {
  name: 'body-view',
  title: "A body's desk, body(code) with its lists at the first page, on the large history against a small one",
  async run({ largeStore, scratchDir, log }) {
    const smallDir = scratchDir('body-view-small');
    log(`body view: generating ${SMALL_EVENTS.toLocaleString('en')} events for the small store`);
    const setup = new SqliteEventStore({ file: join(smallDir, 'events.sqlite'), synchronous: 'NORMAL' });
    await writeGeneratedHistory(setup, { events: SMALL_EVENTS, seed: 1 });
    await setup.close();
    const large = await largeStore({ projected: true });
    const desks: Desk[] = [];
    try {
      for (const [name, dataDir, events] of [
        ['small', smallDir, SMALL_EVENTS],
        ['large', large.dataDir, large.events],
      ] as const) {
        log(`body view: starting the API on the ${name} store (${events.toLocaleString('en')} events)`);
        const api = await startApi(dataDir);
        desks.push({ name, events, api, latencies: [], totals: {} });
        await settled(api.child.pid!);
      }
      const token = new TokenService(BENCH_JWT_SECRET).issue({ subject: 'liaison-bench', body: 'CTS', role: 'LIAISON', ttlSeconds: 3_600 });
      // Rounds alternate the stores, so a noisy moment on this shared machine falls on both.
      for (let round = 0; round < ROUNDS; round++) {
        for (const desk of desks) {
          for (let i = 0; i < ROUND_QUERIES; i++) desk.latencies.push(await ask(desk, token, BODIES[(i + round) % BODIES.length]));
        }
      }
    } finally {
      await Promise.all(desks.map((desk) => desk.api.stop()));
    }
    const [small, big] = desks;
    return {
      workload:
        `${BODY_VIEW_QUERY.replace(/\s+/g, ' ')} over HTTP, one request at a time, every body in turn, ${ROUNDS} alternating rounds of ${ROUND_QUERIES} per store: ` +
        `the API on a generated history of ${small.events.toLocaleString('en')} events and on one of ${big.events.toLocaleString('en')}, each projected before its /health answers 200.`,
      baseline: `the same query on the ${small.events.toLocaleString('en')}-event history, in the same rounds.`,
      measures: [
        compared(
          `body(code) first pages p99, ${big.events.toLocaleString('en')} events`,
          percentile(big.latencies, 99),
          'ms',
          { name: `${small.events.toLocaleString('en')} events p99`, value: percentile(small.latencies, 99) },
          { text: '<= 1.5x', met: (ratio) => ratio <= 1.5 },
        ),
        compared(`body(code) first pages p50, ${big.events.toLocaleString('en')} events`, percentile(big.latencies, 50), 'ms', {
          name: `${small.events.toLocaleString('en')} events p50`,
          value: percentile(small.latencies, 50),
        }),
      ],
      details: Object.fromEntries(
        desks.map((desk) => [
          desk.name,
          {
            events: desk.events,
            queries: desk.latencies.length,
            p50: percentile(desk.latencies, 50),
            p99: percentile(desk.latencies, 99),
            mean: mean(desk.latencies),
            max: percentile(desk.latencies, 100),
            totalCounts: desk.totals,
          },
        ]),
      ),
    };
  },
};
