import { copyFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { compared, median, type Measure } from './harness';
import { load, type LoadResult } from './load';
import { cpuSeconds, freePort, settled, startApi, type RunningProcess } from './processes';

const ROUNDS = 5;
const WARMUP_SECONDS = 2;
const SECONDS = 5;

/** What each server runs with; the same history, token and requests for all. */
const VARIANTS = {
  off: async (): Promise<NodeJS.ProcessEnv> => ({}),
  metrics: async (): Promise<NodeJS.ProcessEnv> => ({ METRICS_PORT: String(await freePort()) }),
  tracing: async (sink: string): Promise<NodeJS.ProcessEnv> => ({
    OTEL_EXPORTER_OTLP_ENDPOINT: sink,
    OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
    OTEL_TRACES_SAMPLER_ARG: '0.1',
  }),
};
type Variant = keyof typeof VARIANTS;

/** A stand-in OTLP/HTTP collector: takes every export and answers 200, counting what it was sent. */
function otlpSink(): Promise<{ url: string; received: { exports: number; bytes: number }; server: Server }> {
  const received = { exports: 0, bytes: 0 };
  const server = createServer((request, response) => {
    request.on('data', (chunk: Buffer) => (received.bytes += chunk.length));
    request.on('end', () => {
      received.exports++;
      response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server })),
  );
}

/**
 * The graphql query load on three servers over copies of one history: everything off, metrics on (scraped once
 * a run, as Prometheus would), tracing on with a 10 % sample exported to a local OTLP sink. Rounds interleave
 * the three in a rotating order and keep each one's median, so a noisy moment (other work on the machine)
 * hits every variant alike. Besides throughput, each run records the server's CPU time per answered query
 * (from /proc), which other processes on the machine disturb far less than they disturb throughput.
 */
export async function observabilityCost(options: {
  historyFile: string;
  scratch: string;
  token: string;
  body: (n: number) => string;
  log: (line: string) => void;
}): Promise<{ measures: Measure[]; runs: Record<Variant, Array<LoadResult & { cpuMsPerRequest: number }>>; otlp: { exports: number; bytes: number } }> {
  const sink = await otlpSink();
  const servers = new Map<Variant, RunningProcess>();
  const metricsUrl = { value: '' };
  try {
    for (const variant of Object.keys(VARIANTS) as Variant[]) {
      const dataDir = join(options.scratch, `observability-${variant}`);
      mkdirSync(dataDir, { recursive: true });
      copyFileSync(options.historyFile, join(dataDir, 'events.sqlite'));
      const env = await VARIANTS[variant](`${sink.url}`);
      if (env.METRICS_PORT) metricsUrl.value = `http://127.0.0.1:${env.METRICS_PORT}/metrics`;
      options.log(`graphql: starting the API with ${variant === 'off' ? 'metrics and tracing off' : `${variant} on`}`);
      const server = await startApi(dataDir, env);
      servers.set(variant, server);
      await settled(server.child.pid!);
    }
    const runs: Record<Variant, Array<LoadResult & { cpuMsPerRequest: number }>> = { off: [], metrics: [], tracing: [] };
    const order = Object.keys(VARIANTS) as Variant[];
    for (let round = 0; round < ROUNDS; round++) {
      for (const variant of [...order.slice(round), ...order.slice(0, round)]) {
        const server = servers.get(variant)!;
        options.log(`graphql: round ${round + 1}/${ROUNDS}, ${variant}: ${WARMUP_SECONDS} s warm-up, ${SECONDS} s measured`);
        await load(server.url, options.token, options.body, WARMUP_SECONDS);
        await settled(server.child.pid!, 10_000);
        const scrape =
          variant === 'metrics'
            ? new Promise<void>((resolve) =>
                setTimeout(
                  () =>
                    void fetch(metricsUrl.value)
                      .then((response) => response.text())
                      .then(
                        () => resolve(),
                        () => resolve(),
                      ),
                  (SECONDS * 1000) / 2,
                ),
              )
            : Promise.resolve();
        const cpuBefore = cpuSeconds(server.child.pid!);
        const result = await load(server.url, options.token, options.body, SECONDS);
        await scrape;
        runs[variant].push({ ...result, cpuMsPerRequest: ((cpuSeconds(server.child.pid!) - cpuBefore) * 1000) / result.requests });
      }
    }
    const rate = (variant: Variant) => median(runs[variant].map((run) => run.requestsPerSecond));
    const p99 = (variant: Variant) => median(runs[variant].map((run) => run.p99));
    const cpu = (variant: Variant) => median(runs[variant].map((run) => run.cpuMsPerRequest));
    const off = { name: 'all off, same run', value: rate('off') };
    const offCpu = { name: 'all off, same run', value: cpu('off') };
    const measures = [
      // The server's own CPU time per answered query: what other work on the machine disturbs least.
      compared('CPU per instrument(id) query, metrics on', cpu('metrics'), 'ms', offCpu, { text: '<= 1.05x (cost < 5 %)', met: (ratio) => ratio <= 1.05 }),
      compared('CPU per instrument(id) query, tracing on, 10 % sampled', cpu('tracing'), 'ms', offCpu, {
        text: '<= 1.10x (cost < 10 %)',
        met: (ratio) => ratio <= 1.1,
      }),
      compared('instrument(id) query, metrics on', rate('metrics'), 'req/s', off, { text: '>= 0.95x (cost < 5 %)', met: (ratio) => ratio >= 0.95 }),
      compared('instrument(id) query, tracing on, 10 % sampled', rate('tracing'), 'req/s', off, {
        text: '>= 0.90x (cost < 10 %)',
        met: (ratio) => ratio >= 0.9,
      }),
      compared('instrument(id) p99, metrics on', p99('metrics'), 'ms', { name: 'all off p99', value: p99('off') }),
      compared('instrument(id) p99, tracing on', p99('tracing'), 'ms', { name: 'all off p99', value: p99('off') }),
    ];
    return { measures, runs, otlp: { ...sink.received } };
  } finally {
    for (const server of servers.values()) await server.stop();
    sink.server.close();
  }
}
