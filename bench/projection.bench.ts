import { join } from 'node:path';
import Database from 'better-sqlite3';
import { domainUpcasters } from '@ddr/bodies/all';
import { pagesOf, SqliteEventStore } from '@ddr/event-store';
import { delaysTable, EVERYTHING, gradeRollup, openReadModel, PROJECTIONS, rebuildReadModel, today } from '@ddr/read-model';
import { compared, now, type Benchmark, type Measure } from './harness';
import { awaitingScanHotSpot, rebuildWithProposedIndex } from './large-store';

const PAGE = 2_000;
/** While the known hot spot makes a rebuild quadratic, the as-is rebuild is stopped after this long. */
const BOUNDED_SECONDS = Number(process.env.BENCH_REBUILD_SECONDS ?? 30);
/** Any rebuild stops here: the whole run must stay within 15 minutes. */
const MAX_SECONDS = 600;

class Stop extends Error {}

interface Progress {
  applied: number;
  ms: number;
}

/** Events per second between two moments of a progress timeline. */
function rateBetween(timeline: Progress[], fromMs: number, toMs: number): number {
  const first = timeline.find((p) => p.ms >= fromMs) ?? timeline[0];
  const last = [...timeline].reverse().find((p) => p.ms <= toMs) ?? timeline[timeline.length - 1];
  return last.ms > first.ms ? ((last.applied - first.applied) * 1000) / (last.ms - first.ms) : Number.NaN;
}

export const projectionBenchmark: Benchmark = {
  name: 'projection',
  title: 'Rebuild of the read model from the generated history',
  async run({ largeStore, log }) {
    const large = await largeStore();
    const eventsFile = join(large.dataDir, 'events.sqlite');
    const readModelFile = join(large.dataDir, 'read-model.sqlite');
    const targets = { text: '>= 50,000/s and >= 0.3x raw', met: (ratio: number, value: number) => value >= 50_000 && ratio >= 0.3 };

    log(`projection: raw read of ${large.events.toLocaleString('en')} events`);
    const raw = new Database(eventsFile, { readonly: true });
    const page = raw.prepare<[number, number], { position: number; data: string; metadata: string }>(
      `SELECT position, event_id, stream_id, revision, type, data, metadata, committed_at FROM events WHERE position > ? ORDER BY position LIMIT ?`,
    );
    let started = now();
    let rawCount = 0;
    let bytes = 0;
    for (let from = 0; ;) {
      const rows = page.all(from, PAGE);
      if (rows.length === 0) break;
      for (const row of rows) bytes += row.data.length + row.metadata.length;
      rawCount += rows.length;
      from = rows[rows.length - 1].position;
    }
    const rawRate = (rawCount * 1000) / (now() - started);
    raw.close();
    const rawBaseline = { name: 'raw read of the events table', value: rawRate };

    const store = new SqliteEventStore({ file: eventsFile });
    const measures: Measure[] = [];
    const details: Record<string, unknown> = { events: large.events, rawRate, payloadMiB: bytes / 2 ** 20, generateSeconds: large.generateSeconds };
    try {
      log('projection: reading the same events through the port');
      started = now();
      let portCount = 0;
      for await (const events of pagesOf(store, { pageSize: PAGE })) portCount += events.length;
      measures.push(compared('readAll through the port (JSON parsed)', (portCount * 1000) / (now() - started), 'events/s', rawBaseline));

      const hotSpot = awaitingScanHotSpot();
      const limit = hotSpot ? BOUNDED_SECONDS : MAX_SECONDS;
      log(`projection: rebuildReadModel as it is${hotSpot ? `, stopped after ${limit} s (the instrument_awaiting scan makes it quadratic)` : ''}`);
      const timeline: Progress[] = [];
      started = now();
      let completed = false;
      try {
        await rebuildReadModel(store, readModelFile, domainUpcasters(), ({ applied }) => {
          const ms = now() - started;
          timeline.push({ applied, ms });
          if (ms > limit * 1000) throw new Stop();
        });
        completed = true;
      } catch (error) {
        if (!(error instanceof Stop)) throw error;
      }
      const elapsed = now() - started;
      const applied = timeline.at(-1)?.applied ?? 0;
      const asIs = (applied * 1000) / elapsed;
      measures.push(
        compared(
          completed ? `rebuild, ${applied.toLocaleString('en')} events` : `rebuild as is, stopped at ${applied.toLocaleString('en')} events after ${limit} s`,
          asIs,
          'events/s',
          rawBaseline,
          targets,
        ),
      );
      details.asIs = {
        completed,
        applied,
        seconds: elapsed / 1000,
        firstTenSecondsRate: rateBetween(timeline, 0, 10_000),
        lastTenSecondsRate: rateBetween(timeline, elapsed - 10_000, elapsed),
      };
      if (completed) {
        // What the rebuilt steps' waits answer: the delays of the whole record, the heaviest of the new queries.
        const db = openReadModel(readModelFile, PROJECTIONS);
        try {
          const waits = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM step_waits').get()!.n;
          const t = now();
          const delays = delaysTable(db, EVERYTHING, '0001-01-01', today());
          details.delays = { waits, handOffs: delays.handOffs.length, bodies: delays.byBody.length, ms: now() - t };
          log(`projection: delays of the whole record over ${waits.toLocaleString('en')} waits in ${Math.round(now() - t)} ms`);
          // The breakdowns are figure changes of their own: how many the rebuild wrote.
          details.breakdownRows = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM programme_changes WHERE measure LIKE 'by:%'").get()!.n;
        } finally {
          db.close();
        }
      }
      if (completed) details.gradeRollup = rollupOnRebuilt(readModelFile);
      if (!completed && hotSpot) {
        log(`projection: the same rebuild with the proposed instrument_awaiting (instrument_id) index, all ${large.events.toLocaleString('en')} events`);
        const fixed: Progress[] = [];
        started = now();
        const checkpoint = await rebuildWithProposedIndex(store, readModelFile, ({ seq }) => {
          fixed.push({ applied: seq, ms: now() - started });
          if (seq % 100_000 === 0) log(`projection: ${seq.toLocaleString('en')} events`);
        });
        const ms = now() - started;
        measures.push(
          compared(
            `rebuild with the proposed index, ${checkpoint.seq.toLocaleString('en')} events`,
            (checkpoint.seq * 1000) / ms,
            'events/s',
            rawBaseline,
            targets,
          ),
        );
        details.withProposedIndex = {
          applied: checkpoint.seq,
          seconds: ms / 1000,
          ratePer100k: fixed
            .filter((p) => p.applied % 100_000 === 0)
            .map((p, i, all) => Math.round(((p.applied - (all[i - 1]?.applied ?? 0)) * 1000) / (p.ms - (all[i - 1]?.ms ?? 0)))),
        };
      }
    } finally {
      await store.close();
    }
    return {
      workload:
        `rebuildReadModel (what \`ddr projections rebuild\` runs) over the ${large.events.toLocaleString('en')} events of \`ddr generate --seed ${large.seed}\`: ` +
        "pages of 2,000 events read through the port, upcast, applied by every projection (the steps' waits, the programmes' breakdowns and the acts the bodies' own views read included), one transaction per page with its checkpoint (synchronous=NORMAL), then swapped in; then, once, the delays of the whole record read from the rebuilt waits (details.delays), " +
        'and the grades rolled up by theme, body and chapter (details.gradeRollup).',
      baseline: 'a raw better-sqlite3 read of the same events table in the same pages (the query readAll runs, no JSON parsing), in the same run, just before.',
      measures,
      details,
    };
  },
};

/** What the assessments projection built, and one roll-up per dimension on it (as the gradeRollup query reads it). */
function rollupOnRebuilt(file: string) {
  const db = openReadModel(file, PROJECTIONS);
  try {
    const grades = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM grades').get()!.n;
    const dimensions = (['THEME', 'BODY', 'CHAPTER'] as const).map((by) => {
      const started = now();
      const groups = gradeRollup(db, EVERYTHING, by, '2100-01-01');
      return { by, groups: groups.length, items: groups.reduce((sum, group) => sum + group.items, 0), ms: now() - started };
    });
    return { grades, dimensions };
  } finally {
    db.close();
  }
}
