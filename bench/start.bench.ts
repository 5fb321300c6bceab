import { join } from 'node:path';
import Database from 'better-sqlite3';
import { absolute, compared, median, now, percentile, type Benchmark } from './harness';
import { residentMiB, runCli, startApi } from './processes';

const STARTS = 3;
const UNDER_3_SECONDS = { text: '< 3,000 ms', met: (_: number, value: number) => value < 3_000 };
/** How far behind the log the ledger's tree is for the second large start: a first start after a restore or an upgrade. */
const TREE_BEHIND = 100_000;
/** How long requests are timed after the start: the tree catching up, the notifier reading its watch and sweeping the deadlines. */
const CATCHING_UP_MS = 15_000;

interface Start {
  ms: number;
  rssMiB: number;
  health: { headPosition: string | null; readModelPosition: string | null; followers: { 'ledger-tree': { events: number } } };
  /** Milliseconds of each GET /health/live sent one after another right after the start, while followers catch up. */
  answers?: number[];
}

/** GET /health/live (no store work) one after another for `ms`: how long the work behind the start holds a request. */
async function answerTimes(url: string, ms: number): Promise<number[]> {
  const times: number[] = [];
  for (const until = now() + ms; now() < until;) {
    const sent = now();
    await (await fetch(`${url}/health/live`)).arrayBuffer();
    times.push(now() - sent);
  }
  return times;
}

/**
 * Takes the last `leaves` leaves off the ledger's tree in `dataDir`, as if it
 * had stopped following there: their leaves, every subtree node they
 * complete, and the follower's position back to the last leaf kept. The
 * server follows them again from there, to the same tree.
 */
function rewindTree(dataDir: string, leaves: number): void {
  const db = new Database(join(dataDir, 'ledger.sqlite'));
  try {
    db.transaction(() => {
      const kept = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM leaves').get()!.n - leaves;
      db.prepare('DELETE FROM leaves WHERE idx >= ?').run(kept);
      // The node at (level, idx) covers leaves idx * 2^level to (idx + 1) * 2^level - 1.
      db.prepare('DELETE FROM nodes WHERE (idx + 1) * (1 << level) > ?').run(kept);
      db.prepare('UPDATE follower SET position = (SELECT position FROM leaves WHERE idx = ?) WHERE id = 1').run(kept - 1);
    })();
  } finally {
    db.close();
  }
}

/** Spawns the API on `dataDir`, times spawn to the first GET /health 200, reads its resident memory (and times answers), stops it. */
async function startOnce(dataDir: string, options: { timeAnswers?: boolean } = {}): Promise<Start> {
  const api = await startApi(dataDir);
  try {
    const rssMiB = residentMiB(api.child.pid!);
    const health = (await (await fetch(`${api.url}/health`)).json()) as Start['health'];
    const answers = options.timeAnswers ? await answerTimes(api.url, CATCHING_UP_MS) : undefined;
    return { ms: api.readyMs, rssMiB, health, answers };
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
    const treeBehind: Start[] = [];
    const empty: Start[] = [];
    for (let i = 0; i < STARTS; i++) {
      log(`start: ${i + 1}/${STARTS}, empty data directory, then ${large.events.toLocaleString('en')} events`);
      empty.push(await startOnce(scratchDir('start-empty')));
      large_.push(await startOnce(large.dataDir));
    }
    // After the starts at the head: a server stopped while catching up leaves the tree behind.
    for (let i = 0; i < STARTS; i++) {
      log(`start: ${i + 1}/${STARTS}, the ledger's tree ${TREE_BEHIND.toLocaleString('en')} events behind`);
      rewindTree(large.dataDir, TREE_BEHIND);
      treeBehind.push(await startOnce(large.dataDir, { timeAnswers: true }));
    }
    log('start: bringing the ledger tree level again (ddr ledger status)');
    await runCli(large.dataDir, ['ledger', 'status'], 15 * 60_000);
    // The read model was at the head before each start; anything between is what the server appended itself (ledger checkpoints).
    const catchingUp = treeBehind.flatMap((s) => s.answers ?? []);
    const behindAtStart = large_.map((s) => Number(s.health.headPosition ?? 0) - Number(s.health.readModelPosition ?? 0));
    return {
      workload:
        `node dist/apps/api/src/main.js (what \`npm start\` runs) spawned on the data directory of ${large.events.toLocaleString('en')} generated events ` +
        `whose read model is at the head (no replay at start), timed from spawn to the first 200 of GET /health (polled every 5 ms); resident memory (VmRSS) read then; ` +
        `then the same with the ledger's tree ${TREE_BEHIND.toLocaleString('en')} events behind the log (its last leaves taken off), which the server follows again behind its start. Median of ${STARTS}.`,
      baseline: 'the same server started on an empty data directory (FIRST_START_SCENARIO=none), alternating with it.',
      measures: [
        compared(
          'time to GET /health 200',
          median(large_.map((s) => s.ms)),
          'ms',
          { name: 'empty data directory', value: median(empty.map((s) => s.ms)) },
          UNDER_3_SECONDS,
        ),
        compared(
          `time to GET /health 200, ledger tree ${TREE_BEHIND.toLocaleString('en')} events behind`,
          median(treeBehind.map((s) => s.ms)),
          'ms',
          { name: 'empty data directory', value: median(empty.map((s) => s.ms)) },
          UNDER_3_SECONDS,
        ),
        compared('resident memory after start', median(large_.map((s) => s.rssMiB)), 'MiB', {
          name: 'empty data directory',
          value: median(empty.map((s) => s.rssMiB)),
        }),
        absolute(`GET /health/live in the ${CATCHING_UP_MS / 1000} s after start, tree behind, p50`, percentile(catchingUp, 50), 'ms'),
        absolute(`GET /health/live in the ${CATCHING_UP_MS / 1000} s after start, tree behind, p99`, percentile(catchingUp, 99), 'ms'),
        absolute(`GET /health/live in the ${CATCHING_UP_MS / 1000} s after start, tree behind, slowest`, Math.max(...catchingUp), 'ms'),
      ],
      details: { large: large_, treeBehind: treeBehind.map(({ answers, ...s }) => ({ ...s, answered: answers?.length })), empty, behindAtStart },
    };
  },
};
