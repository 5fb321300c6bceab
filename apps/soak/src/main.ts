import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TokenService, signingSecret } from '@ddr/access';
import { SqliteEventStore } from '@ddr/event-store';
import { domainUpcasters } from '@ddr/bodies/all';
import { openReadModel, PROJECTIONS, readModelFile, rebuildReadModel } from '@ddr/read-model';
import { Latencies, Window, residentMiB, slope } from './load';
import { ReadMix } from './read-mix';
import { SoakServer } from './server';

const PROPOSE = `mutation($input: ProposeInstrumentInput!) { proposeInstrument(input: $input) { position } }`;
const WRITERS = ['CTS', 'MOC', 'CSA', 'SCDS'] as const;

/**
 * Steady mixed load at a fixed rate on loopback against the compiled server,
 * optionally killed with SIGKILL every few seconds and restarted: reports
 * errors, p99 and memory over time, then checks that every acknowledged write
 * is in the log exactly once, that the read model equals a rebuild, and that
 * memory did not keep growing.
 */
async function soak(): Promise<number> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '2' },
      seconds: { type: 'string' },
      rate: { type: 'string', default: '100' },
      'kill-every': { type: 'string', default: '0' },
      window: { type: 'string', default: '10' },
    },
  });
  const seconds = values.seconds ? Number(values.seconds) : Number(values.minutes) * 60;
  const rate = Number(values.rate);
  const killEvery = Number(values['kill-every']) * 1000;
  const windowMs = Number(values.window) * 1000;
  const dataDir = mkdtempSync(join(tmpdir(), 'ddr-soak-'));
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(`soak: ${seconds} s at ${rate} operations/s${killEvery ? `, SIGKILL every ${killEvery / 1000} s` : ''}, data in ${dataDir}`);

  const server = new SoakServer(dataDir);
  await server.start();
  const tokens = new TokenService(signingSecret(dataDir));
  const writerTokens = new Map(WRITERS.map((body) => [body, tokens.issue({ subject: `${body}-soak`, body, role: 'SECRETARIAT', ttlSeconds: seconds + 3600 })]));
  const reader = tokens.issue({ subject: 'soak-reader', body: 'CTS', role: 'LIAISON', ttlSeconds: seconds + 3600 });
  const acknowledged = new Set<string>();
  const numbers = new Map<string, number>();
  const memory: Array<[number, number]> = [];
  const windows: Array<{ at: number; requests: number; errors: number; p50: number; p99: number; rssMiB: number; events: number }> = [];
  let window = new Window();
  const latencies = new Latencies();
  const reads = new ReadMix(WRITERS);
  let events = 0;
  let operation = 0;
  let restarting = false;
  const started = Date.now();

  const post = async (kind: string, query: string, variables: object, token: string): Promise<Answer | undefined> => {
    const begin = performance.now();
    try {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(5_000),
      });
      const answer = (await response.json()) as Answer;
      const code = answer.errors?.[0]?.extensions?.code;
      const took = performance.now() - begin;
      window.record(took, code);
      latencies.record(Date.now() - started, took, kind);
      // The read model's position on the embedded store is the number of events it has applied: the store's size.
      events = Math.max(events, Number(answer.extensions?.readModel?.position ?? 0));
      return code ? undefined : answer;
    } catch {
      window.record(performance.now() - begin, restarting ? 'SERVER_RESTARTING' : 'CONNECTION');
      return undefined;
    }
  };

  const oneOperation = async (n: number) => {
    if (n % 10 < 3) {
      const body = WRITERS[n % WRITERS.length];
      const number = (numbers.get(body) ?? 0) + 1;
      numbers.set(body, number);
      const commandId = `soak-${body}-${number}`;
      // Each write proposes an instrument of its own: streams stay short, as real ones are.
      const input = {
        instrumentId: commandId,
        kind: 'PLAN',
        title: `Plan ${number}`,
        leadBody: body,
        pathway: [{ body, action: 'ADOPT' }],
        effectiveDate: '2019-09-25',
        commandId,
      };
      // A write the client saw fail is retried with the same command id, as a client should.
      for (let attempt = 0; attempt < 20 && !acknowledged.has(commandId); attempt++) {
        if (await post('write', PROPOSE, { input }, writerTokens.get(body)!)) {
          acknowledged.add(commandId);
          reads.wrote(commandId);
        } else await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } else {
      const read = reads.next(n);
      read.seen(await post(read.kind, read.query, read.variables, reader));
    }
  };

  const inFlight = new Set<Promise<void>>();
  const ticker = setInterval(() => {
    const promise = oneOperation(operation++).finally(() => inFlight.delete(promise));
    inFlight.add(promise);
  }, 1000 / rate);
  const reporter = setInterval(() => {
    const rss = server.pid && !restarting ? residentMiB(server.pid) : 0;
    const at = Math.round((Date.now() - started) / 1000);
    if (rss > 0) memory.push([at, rss]);
    const row = {
      at,
      requests: window.latencies.length,
      errors: window.errorCount,
      p50: round(window.percentile(50)),
      p99: round(window.percentile(99)),
      rssMiB: rss,
      events,
    };
    windows.push(row);
    say(
      `${String(at).padStart(5)} s  ${String(row.requests).padStart(6)} requests  ${String(row.errors).padStart(4)} errors ${[...window.errors].map(([c, n]) => `${c}:${n}`).join(' ')}  p50 ${row.p50} ms  p99 ${row.p99} ms  rss ${rss} MiB  store ${events} events`,
    );
    window = new Window();
  }, windowMs);
  let done = false;
  // Each kill comes `kill-every` seconds after the previous restart completed.
  const killer = (async () => {
    while (killEvery && !done) {
      await new Promise((resolve) => setTimeout(resolve, killEvery));
      if (done) break;
      restarting = true;
      await server.stop('SIGKILL');
      await server.start();
      // Memory growth is judged within one server's life: a restart starts the series again.
      memory.length = 0;
      restarting = false;
    }
  })();

  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  done = true;
  await killer;
  clearInterval(ticker);
  await Promise.all(inFlight);
  clearInterval(reporter);
  await server.stop('SIGTERM');

  const problems = await check(dataDir, acknowledged, memory);
  say('p99 against the store size (each row a tenth of the run):');
  for (const band of latencies.bands(10, windows)) say(`  ${band}`);
  const flat = latencies.flatness(seconds);
  // The same comparison per kind of request (the first and last fifths of a shorter run) says which kind grows.
  const [early, late]: Array<[number, number]> = flat
    ? [
        [120, 300],
        [seconds - 300, seconds + 60],
      ]
    : [
        [0, seconds / 5],
        [(seconds * 4) / 5, seconds + 60],
      ];
  say(`p99 by kind, ${flat ? 'minutes 2-5 then the last five minutes' : 'the first fifth then the last'}:`);
  for (const line of latencies.kinds(early, late)) say(`  ${line}`);
  if (flat) {
    say(`p99 minutes 2-5: ${flat.early} ms; last five minutes: ${flat.late} ms; ratio ${flat.ratio} (target at most 1.5)`);
    if (flat.ratio > 1.5) problems.push(`p99 of the last five minutes is ${flat.ratio} times that of minutes 2-5`);
  }
  const errors = windows.reduce((sum, row) => sum + row.errors, 0);
  say(`errors: ${errors}${killEvery ? ' (connection errors while the server restarts are expected)' : ''}`);
  say(
    `acknowledged writes: ${acknowledged.size}; ${problems.length ? `PROBLEMS:\n  ${problems.join('\n  ')}` : 'every one in the log exactly once; read model equals a rebuild; memory steady'}`,
  );
  return problems.length ? 1 : 0;
}

async function check(dataDir: string, acknowledged: Set<string>, memory: Array<[number, number]>): Promise<string[]> {
  const problems: string[] = [];
  const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
  try {
    const counts = new Map<string, number>();
    for (const { metadata } of await store.readAll()) {
      const id = metadata.commandId as string;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const id of acknowledged) if (counts.get(id) !== 1) problems.push(`${id} acknowledged but recorded ${counts.get(id) ?? 0} times`);
    const rebuilt = join(dataDir, 'rebuilt.sqlite');
    await rebuildReadModel(store, rebuilt, domainUpcasters());
    const [live, fresh] = [openReadModel(readModelFile(dataDir), PROJECTIONS), openReadModel(rebuilt, PROJECTIONS)];
    const count = (db: typeof live) => (db.prepare('SELECT seq FROM read_model').get() as { seq: number }).seq;
    if (count(live) !== count(fresh)) problems.push(`read model applied ${count(live)} events, a rebuild ${count(fresh)}`);
    live.close();
    fresh.close();
  } finally {
    await store.close();
  }
  // After a warm-up fifth of the last server's life, resident memory must not keep climbing (MiB per minute).
  const steady = memory.slice(Math.floor(memory.length / 5));
  const growth = slope(steady) * 60;
  if (steady.length >= 6 && growth > 10) problems.push(`resident memory grows by ${growth.toFixed(1)} MiB a minute`);
  return problems;
}

const round = (n: number) => Math.round(n * 10) / 10;

interface Answer {
  data?: Record<string, unknown>;
  errors?: Array<{ extensions?: { code?: string } }>;
  extensions?: { readModel?: { position?: string | null } };
}

soak().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`soak failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(2);
  },
);
