import { compared, median, type Benchmark } from './harness';
import { residentMiB, startApi } from './processes';

const STARTS = 3;

interface Start {
  ms: number;
  rssMiB: number;
  health: { headPosition: string | null; readModelPosition: string | null };
}

/** Spawns the API on `dataDir`, times spawn to the first GET /health 200, reads its resident memory, stops it. */
async function startOnce(dataDir: string): Promise<Start> {
  const api = await startApi(dataDir);
  try {
    const rssMiB = residentMiB(api.child.pid!);
    const health = (await (await fetch(`${api.url}/health`)).json()) as Start['health'];
    return { ms: api.readyMs, rssMiB, health };
  } finally {
    await api.stop();
  }
}

export const startBenchmark: Benchmark = {
  name: 'start',
  title: 'Start of the API on a projected history',
  async run({ largeStore, scratchDir, log }) {
    const large = await largeStore({ projected: true });
    const large_: Start[] = [];
    const empty: Start[] = [];
    for (let i = 0; i < STARTS; i++) {
      log(`start: ${i + 1}/${STARTS}, empty data directory, then ${large.events.toLocaleString('en')} events`);
      empty.push(await startOnce(scratchDir('start-empty')));
      large_.push(await startOnce(large.dataDir));
    }
    // The read model was at the head before each start; anything between is what the server appended itself (ledger checkpoints).
    const behindAtStart = large_.map((s) => Number(s.health.headPosition ?? 0) - Number(s.health.readModelPosition ?? 0));
    return {
      workload:
        `node dist/apps/api/src/main.js (what \`npm start\` runs) spawned on the data directory of ${large.events.toLocaleString('en')} generated events ` +
        `whose read model is at the head (no replay at start), timed from spawn to the first 200 of GET /health (polled every 5 ms); resident memory (VmRSS) read then. Median of ${STARTS}.`,
      baseline: 'the same server started on an empty data directory (FIRST_START_SCENARIO=none), alternating with it.',
      measures: [
        compared(
          'time to GET /health 200',
          median(large_.map((s) => s.ms)),
          'ms',
          { name: 'empty data directory', value: median(empty.map((s) => s.ms)) },
          {
            text: '< 3,000 ms',
            met: (_, value) => value < 3_000,
          },
        ),
        compared('resident memory after start', median(large_.map((s) => s.rssMiB)), 'MiB', {
          name: 'empty data directory',
          value: median(empty.map((s) => s.rssMiB)),
        }),
      ],
      details: { large: large_, empty, behindAtStart },
    };
  },
};
