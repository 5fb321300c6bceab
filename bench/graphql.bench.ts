import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { TokenService } from '@ddr/access';
import { SqliteEventStore } from '@ddr/event-store';
import { writeGeneratedHistory } from '../apps/cli/src/commands/generate';
import { implementedInstrument } from './bench-events';
import { compared, absolute, median, percentile, type Benchmark, type Measure } from './harness';
import { CONNECTIONS, load, type LoadResult } from './load';
import { probeReadYourWritesApart, type ReadYourWrites } from './read-your-writes';
import { observabilityCost } from './observability-cost';
import { BENCH_JWT_SECRET, DIST, settled, startApi, startProcess, type RunningProcess } from './processes';

export const SECONDS = 10;
export const WARMUP_SECONDS = 3;
/**
 * The API and the constant server take turns, in rounds, each keeping its median: one 10-second window of each
 * swung the ratio by 0.1x on this shared machine, and a noisy moment now falls on both alike.
 */
const ROUNDS = 3;
const ROUND_SECONDS = 6;
const ROUND_WARMUP_SECONDS = 1;
const GENERATED_EVENTS = 20_000;
const MUTATED_INSTRUMENTS = 1_000;

const INSTRUMENT_QUERY = `query Instrument($id: ID!) {
  instrument(id: $id) { id kind title leadBody status revision proposedOn lastActOn awaiting { body action status } }
}`;
const MILESTONE_MUTATION = `mutation Milestone($input: RecordMilestoneInput!) {
  recordMilestone(input: $input) { streamId revision position replayed }
}`;

/** The mutation load: request `n` records a milestone on one of `instruments`, round-robin. */
export const milestoneRequest = (instruments: readonly string[]) => (n: number) =>
  JSON.stringify({
    query: MILESTONE_MUTATION,
    variables: {
      input: { instrumentId: instruments[n % instruments.length], effectiveDate: '2020-01-02', milestone: `load ${n}`, count: n % 500, place: 'Gao' },
    },
  });

/** `count` instruments in implementation (10 events each), appended in batches: what the mutation load records milestones on. */
export async function appendImplementedInstruments(store: SqliteEventStore, prefix: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  for (let i = 0; i < ids.length; i += 100) {
    await store.appendBatch(ids.slice(i, i + 100).map((id) => ({ ...implementedInstrument(id, 10), expectedRevision: 'no_stream' as const })));
  }
  return ids;
}

export const graphqlBenchmark: Benchmark = {
  name: 'graphql',
  title: 'GraphQL over HTTP under load',
  async run({ scratchDir, log }) {
    const dataDir = scratchDir('graphql');
    log(`graphql: generating ${GENERATED_EVENTS.toLocaleString('en')} events and ${MUTATED_INSTRUMENTS} instruments in implementation`);
    const setup = new SqliteEventStore({ file: join(dataDir, 'events.sqlite'), synchronous: 'NORMAL' });
    await writeGeneratedHistory(setup, { events: GENERATED_EVENTS, seed: 7 });
    const mutated = await appendImplementedInstruments(setup, 'gql-bench', MUTATED_INSTRUMENTS);
    const [probed] = await appendImplementedInstruments(setup, 'gql-probe', 1);
    await setup.close();
    // The history as generated, for the servers of the observability runs (the main API writes to its own copy).
    const observabilityScratch = scratchDir('graphql-observability');
    const historyFile = join(observabilityScratch, 'history.sqlite');
    copyFileSync(join(dataDir, 'events.sqlite'), historyFile);

    const servers: RunningProcess[] = [];
    try {
      log('graphql: starting the API (it projects the history before /health answers 200) and the constant server');
      const api = await startApi(dataDir);
      servers.push(api);
      const constant = await startProcess(join(DIST, 'bench', 'servers', 'constant-server.js'), { readyPath: '/health', env: {} });
      servers.push(constant);
      const settleMs = await settled(api.child.pid!);
      log(`graphql: the API settled ${(settleMs / 1000).toFixed(1)} s after it answered`);
      const reader = new Database(join(dataDir, 'read-model.sqlite'), { readonly: true });
      const ids = reader
        .prepare<[], { id: string }>('SELECT id FROM instruments ORDER BY id')
        .all()
        .map((row) => row.id);
      reader.close();
      const token = new TokenService(BENCH_JWT_SECRET).issue({ subject: 'cts-bench', body: 'CTS', role: 'SECRETARIAT', ttlSeconds: 3_600 });

      const query = (n: number) => JSON.stringify({ query: INSTRUMENT_QUERY, variables: { id: ids[(n * 7919) % ids.length] } });
      const mutation = milestoneRequest(mutated);
      const runs: Record<string, LoadResult[]> = {};
      const probes: ReadYourWrites[] = [];
      for (const [operation, body] of [
        ['query', query],
        ['mutation', mutation],
      ] as const) {
        const pair = [
          ['constant', constant],
          ['api', api],
        ] as const;
        for (let round = 0; round < ROUNDS; round++) {
          for (const [label, server] of round % 2 === 0 ? pair : [...pair].reverse()) {
            const warmup = round === 0 ? WARMUP_SECONDS : ROUND_WARMUP_SECONDS;
            log(
              `graphql: ${operation}, round ${round + 1}/${ROUNDS}, the ${label} server: ${warmup} s warm-up, ${ROUND_SECONDS} s measured, ${CONNECTIONS} connections`,
            );
            await load(server.url, token, body, warmup);
            // The API projects (and the ledger follows) what the warm-up wrote before the measured run starts.
            await settled(server.child.pid!, 15_000);
            const key = `${operation}/${label}`;
            if (operation === 'mutation' && label === 'api') {
              // A client reading its own writes beside the load: from the mutation's answer to the query's.
              const [run, probe] = await Promise.all([
                load(server.url, token, body, ROUND_SECONDS),
                probeReadYourWritesApart(server.url, token, probed, ROUND_SECONDS),
              ]);
              (runs[key] ??= []).push(run);
              probes.push(probe);
            } else (runs[key] ??= []).push(await load(server.url, token, body, ROUND_SECONDS));
          }
        }
      }
      for (const server of servers.splice(0)) await server.stop();
      const observability = await observabilityCost({ historyFile, scratch: observabilityScratch, token, body: query, log });
      const everyRun: Record<string, LoadResult> = {
        ...Object.fromEntries(Object.entries(runs).flatMap(([key, list]) => list.map((run, i) => [`${key}-${i + 1}`, run]))),
        ...Object.fromEntries(Object.entries(observability.runs).flatMap(([variant, list]) => list.map((run, i) => [`query/${variant}-${i + 1}`, run]))),
      };
      const failed = Object.entries(everyRun).filter(([, r]) => r.graphqlErrors > 0 || r.errors > 0);
      if (failed.length > 0) log(`graphql: errors in ${failed.map(([k, r]) => `${k}: ${r.graphqlErrors + r.errors} (${r.firstError})`).join('; ')}`);
      const medians = (list: LoadResult[]) => ({
        requestsPerSecond: median(list.map((run) => run.requestsPerSecond)),
        p50: median(list.map((run) => run.p50)),
        p99: median(list.map((run) => run.p99)),
      });
      const q = medians(runs['query/api']);
      const qb = medians(runs['query/constant']);
      const m = medians(runs['mutation/api']);
      const mb = medians(runs['mutation/constant']);
      // Every probe of every round counted together: a percentile of all the lags, not a median of three.
      const lags = probes.flatMap((probe) => probe.lags);
      const readYourWrites = { p50: percentile(lags, 50), p99: percentile(lags, 99), failures: probes.reduce((n, probe) => n + probe.failures, 0) };
      const measures: Measure[] = [
        compared(
          'instrument(id) query',
          q.requestsPerSecond,
          'req/s',
          { name: 'constant query', value: qb.requestsPerSecond },
          { text: '>= 0.6x baseline', met: (r) => r >= 0.6 },
        ),
        compared('instrument(id) p50', q.p50, 'ms', { name: 'constant p50', value: qb.p50 }),
        compared(
          'instrument(id) p99',
          q.p99,
          'ms',
          { name: 'constant p99', value: qb.p99 },
          { text: '<= 1.3x baseline, < 25 ms', met: (r, v) => r <= 1.3 && v < 25 },
        ),
        compared(
          'recordMilestone mutation',
          m.requestsPerSecond,
          'req/s',
          { name: 'constant mutation', value: mb.requestsPerSecond },
          { text: '>= 0.3x baseline', met: (r) => r >= 0.3 },
        ),
        compared('recordMilestone p50', m.p50, 'ms', { name: 'constant p50', value: mb.p50 }),
        compared('recordMilestone p99', m.p99, 'ms', { name: 'constant p99', value: mb.p99 }, { text: '<= 3x baseline', met: (r) => r <= 3 }),
        absolute('read-your-write lag under the mutation load, p50', readYourWrites.p50, 'ms'),
        absolute('read-your-write lag under the mutation load, p99', readYourWrites.p99, 'ms', { text: '< 50 ms', met: (v) => v < 50 }),
        absolute('read-your-write probes failed', readYourWrites.failures, 'probes', { text: '0', met: (v) => v === 0 }),
        absolute(
          'failed requests (all runs)',
          Object.values(everyRun).reduce((a, r) => a + r.graphqlErrors + r.errors, 0),
          'req',
          { text: '0', met: (v) => v === 0 },
        ),
        ...observability.measures,
      ];
      return {
        workload:
          `autocannon on loopback, ${CONNECTIONS} connections, a bearer token on every request; the API and the constant server in ${ROUNDS} alternating rounds of ${ROUND_SECONDS} s ` +
          `(after a ${WARMUP_SECONDS} s warm-up in the first, ${ROUND_WARMUP_SECONDS} s after), each server's median of rounds compared. ` +
          `Query: instrument(id) with a nested field, over the ${ids.length.toLocaleString('en')} instruments of a ${GENERATED_EVENTS.toLocaleString('en')}-event generated history. ` +
          `Mutation: recordMilestone on ${MUTATED_INSTRUMENTS} instruments in implementation, round-robin (each appends one event, synchronous=FULL, and is projected). ` +
          'Read-your-write lag: during the measured mutation run, one more client in turn records a milestone on an instrument of its own and reads it ' +
          'back with instrument(id, minPosition: <the mutation position>); the time from the mutation answer to the query answer, measured in a thread of its own (not behind autocannon). ' +
          'Observability cost: the same query load on three more API processes over copies of the history (all off; METRICS_PORT set and scraped once a run; ' +
          'an OTLP endpoint with OTEL_TRACES_SAMPLER=parentbased_traceidratio and OTEL_TRACES_SAMPLER_ARG=0.1, exporting to a local sink), ' +
          '3 rounds of 2 s warm-up and 6 s measured, interleaved in a rotating order, medians compared with the all-off server of the same run.',
        baseline:
          'a bare NestJS 12 + Fastify + Mercurius server (bench/servers/constant-server.ts) answering constants of the same shapes to the same requests: no store, token check, guard, validation or limits. Both servers run in child processes; autocannon runs in the bench process.',
        measures,
        details: {
          runs,
          readYourWrites: {
            ...readYourWrites,
            probes: lags.length,
            perRound: probes.map((probe) => ({ p50: probe.p50, p99: probe.p99, probes: probe.lags.length })),
          },
          observability: { runs: observability.runs, otlpSink: observability.otlp },
        },
      };
    } finally {
      for (const server of servers) await server.stop();
    }
  },
};
