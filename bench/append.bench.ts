import { join } from 'node:path';
import Database from 'better-sqlite3';
import { getSQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import sqlite3 from 'sqlite3';
import { SCHEMA } from '../libs/event-store/src/sqlite/schema';
import { SqliteEventStore, type EventToAppend } from '@ddr/event-store';
import { milestoneEvent } from './bench-events';
import { compared, median, timed, type Benchmark, type Measure } from './harness';

const STREAMS = 100;
const SINGLE_APPENDS = 2_000;
const BATCH_APPENDS = 200;
const BATCH_SIZE = 100;
/** The peer opens a connection per append and commits at a few hundred a second: fewer of its appends. */
const PEER_SINGLE_APPENDS = 1_000;
const PEER_BATCH_APPENDS = 100;
const ROUNDS = 3;

interface Workload {
  label: string;
  appends: number;
  size: number;
}

/** The appends of a workload, made before timing: round-robin over the streams, each knowing its revision. */
function plan(workload: Workload): Array<{ streamId: string; events: EventToAppend[]; revision: number }> {
  const revisions = new Array<number>(STREAMS).fill(-1);
  return Array.from({ length: workload.appends }, (_, i) => {
    const stream = i % STREAMS;
    const streamId = `instrument-append-bench-${stream}`;
    const events = Array.from({ length: workload.size }, (_, k) => milestoneEvent(`append-bench-${stream}`, i * workload.size + k));
    const revision = revisions[stream];
    revisions[stream] += workload.size;
    return { streamId, events, revision };
  });
}

/** Raw better-sqlite3: the adapter's own table and pragmas, one transaction per append, no checks. */
async function raw(file: string, workload: Workload) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(SCHEMA);
  const insert = db.prepare('INSERT INTO events (event_id, stream_id, revision, type, data, metadata, committed_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const append = db.transaction((streamId: string, events: EventToAppend[], first: number) => {
    const committedAt = new Date().toISOString();
    events.forEach((e, k) => insert.run(e.id, streamId, first + k, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), committedAt));
  });
  const appends = plan(workload);
  try {
    return await timed(appends.length, (i) => append.immediate(appends[i].streamId, appends[i].events, appends[i].revision + 1));
  } finally {
    db.close();
  }
}

/** Through the port, as the decision runner appends: exact expected revision. */
async function port(file: string, workload: Workload, synchronous: 'FULL' | 'NORMAL' = 'FULL') {
  const store = new SqliteEventStore({ file, synchronous });
  const appends = plan(workload);
  try {
    return await timed(appends.length, (i) =>
      store.append(appends[i].streamId, appends[i].events, { expectedRevision: appends[i].revision < 0 ? 'no_stream' : appends[i].revision }),
    );
  } finally {
    await store.close();
  }
}

/**
 * Emmett's SQLite event store with its defaults (it reads the stream's
 * version itself). Its update of an existing stream reads one row of an
 * UPDATE ... RETURNING and leaves the statement open, so the COMMIT now and
 * then fails with SQLITE_BUSY ("SQL statements in progress") and the
 * connection closes with nothing written: such appends are retried, counted,
 * and their time stays in its rate. It reports the failure with console.log,
 * which is kept off the benchmark's stdout.
 */
async function peer(file: string, workload: Workload) {
  const store = getSQLiteEventStore({ fileName: file });
  const appends = plan(workload);
  let busyRetries = 0;
  const log = console.log;
  console.log = () => undefined;
  try {
    const result = await timed(appends.length, async (i) => {
      const events = appends[i].events.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata }));
      for (let attempt = 0; ; attempt++) {
        try {
          return await store.appendToStream(appends[i].streamId, events);
        } catch (error) {
          if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= 10) throw error;
          busyRetries++;
        }
      }
    });
    return { ...result, busyRetries };
  } finally {
    console.log = log;
  }
}

/** What a fresh sqlite3 connection (the peer's driver) uses when nobody sets `synchronous`. */
function sqlite3Defaults(file: string): Promise<{ journalMode: string; synchronous: number }> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file);
    db.run('PRAGMA journal_mode = WAL', (error) => {
      if (error) return reject(error);
      db.get<{ synchronous: number }>('PRAGMA synchronous', (e, row) => {
        if (e) return reject(e);
        db.close(() => resolve({ journalMode: 'wal', synchronous: row.synchronous }));
      });
    });
  });
}

const SYNCHRONOUS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];

export const appendBenchmark: Benchmark = {
  name: 'append',
  title: 'Appends through the event store port',
  async run({ scratchDir, log }) {
    const dir = scratchDir('append');
    let n = 0;
    const file = (label: string) => join(dir, `${label}-${n++}.sqlite`);
    const single: Workload = { label: 'single-event', appends: SINGLE_APPENDS, size: 1 };
    const batch: Workload = { label: `${BATCH_SIZE}-event`, appends: BATCH_APPENDS, size: BATCH_SIZE };
    const eventsPerSecond = (w: Workload, perSecond: number) => perSecond * w.size;
    const measures: Measure[] = [];
    const details: Record<string, unknown> = {};
    for (const workload of [single, batch]) {
      // Alternating rounds on fresh files, medians kept: a noisy moment hits both sides.
      const rawRates: number[] = [];
      const portRates: number[] = [];
      const portP99: number[] = [];
      const normalRates: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        log(`append: ${workload.label}, round ${round + 1}/${ROUNDS}`);
        rawRates.push(eventsPerSecond(workload, (await raw(file('raw'), workload)).perSecond));
        const result = await port(file('port'), workload);
        portRates.push(eventsPerSecond(workload, result.perSecond));
        portP99.push([...result.latencies].sort((a, b) => a - b)[Math.ceil(result.latencies.length * 0.99) - 1]);
        // What the default's power-loss durability costs: the same appends with SQLITE_SYNCHRONOUS=NORMAL.
        if (workload.size === 1) normalRates.push(eventsPerSecond(workload, (await port(file('normal'), workload, 'NORMAL')).perSecond));
      }
      const peerWorkload = { ...workload, appends: workload.size === 1 ? PEER_SINGLE_APPENDS : PEER_BATCH_APPENDS };
      log(`append: ${workload.label}, Emmett SQLite (${peerWorkload.appends} appends)`);
      const peerResult = await peer(file('emmett'), peerWorkload);
      const peerRate = eventsPerSecond(peerWorkload, peerResult.perSecond);
      const portRate = median(portRates);
      measures.push(
        compared(
          `${workload.label} appends, port vs raw`,
          portRate,
          'events/s',
          { name: 'raw better-sqlite3', value: median(rawRates) },
          workload.size === 1 ? undefined : { text: '>= 0.5x raw', met: (ratio) => ratio >= 0.5 },
        ),
        compared(
          `${workload.label} appends, port vs Emmett`,
          portRate,
          'events/s',
          { name: 'Emmett SQLite', value: peerRate },
          workload.size === 1 ? { text: '>= 5x Emmett', met: (ratio) => ratio >= 5 } : undefined,
        ),
      );
      if (workload.size === 1) {
        measures.push(
          compared('single-event appends, synchronous=FULL vs NORMAL', portRate, 'events/s', { name: 'port, synchronous=NORMAL', value: median(normalRates) }),
        );
      }
      details[workload.label] = {
        rawRates,
        portRates,
        normalRates,
        portP99Ms: portP99,
        peerRate,
        appends: workload.appends,
        peerAppends: peerWorkload.appends,
        peerBusyRetries: peerResult.busyRetries,
      };
    }
    const peerDefaults = await sqlite3Defaults(file('defaults'));
    return {
      workload:
        `${SINGLE_APPENDS} single-event appends and ${BATCH_APPENDS} appends of ${BATCH_SIZE} events, round-robin over ${STREAMS} streams ` +
        `(a MilestoneReached event with the full envelope, about 400 bytes), on a fresh file, one append at a time; medians of ${ROUNDS} alternating rounds.`,
      baseline:
        "raw better-sqlite3 inserts of the same rows into the adapter's own table (same schema, indexes and pragmas, one BEGIN IMMEDIATE transaction per append, " +
        "JSON.stringify included, no checks); and Emmett's SQLite event store 0.38.5 on the same events.",
      measures,
      details: {
        ...details,
        durability: {
          port: 'WAL, synchronous=FULL (the default): an acknowledged append survives power loss',
          raw: 'WAL, synchronous=FULL, as the port',
          emmett: `journal_mode=${peerDefaults.journalMode} (it sets it), synchronous=${SYNCHRONOUS[peerDefaults.synchronous] ?? peerDefaults.synchronous} (sqlite3 5.1.7's default, not set by Emmett); it opens and closes a connection for every operation`,
        },
      },
    };
  },
};
