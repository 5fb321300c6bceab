import { join } from 'node:path';
import { CnddrViewResolver } from '@ddr/bodies/cnddr';
import { IntegrationCommissionViewResolver } from '@ddr/bodies/integration-commission';
import { MocViewResolver } from '@ddr/bodies/moc';
import { addDays, type Body } from '@ddr/kernel';
import { BREAKDOWN_DIMENSIONS } from '@ddr/programmes';
import {
  delaysTable,
  figureBreakdown,
  findInstrument,
  findProgramme,
  gradeRollup,
  openReadModel,
  PROJECTIONS,
  queueOf,
  today,
  type Clocks,
  type ReadModelDb,
  EVERYTHING,
} from '@ddr/read-model';
import { seededRandom } from '@ddr/history-generator';
import { compared, mean, now, percentile, type Benchmark, type Measure } from './harness';

const SAMPLES = 2_000;
const ROUNDS = 5;
/** Per variant and round: at most this many queries, and at most this long. */
const ROUND_QUERIES = SAMPLES;
const ROUND_MS = 1_500;

interface Sample {
  key: string;
  asOf: string;
  knownAt: string;
}

/** Points in the life of random bodies' queues: the awaited body of a random wait, and the day it began. */
function waitSamples(db: ReadModelDb): Sample[] {
  const rows = db.prepare<[], { body: string; since: string }>('SELECT body, since FROM step_waits').all();
  const rnd = seededRandom(2019);
  return Array.from({ length: SAMPLES }, () => {
    const wait = rows[rnd.int(rows.length)];
    return { key: wait.body, asOf: wait.since, knownAt: '' };
  });
}

/** Points in the life of random instruments (or programmes): a version's effective date, and when its event was recorded. */
function samples(db: ReadModelDb, table: 'instrument_versions' | 'programme_versions', keyColumn: string): Sample[] {
  const max = db.prepare<[], { n: number }>(`SELECT max(rowid) AS n FROM ${table}`).get()!.n;
  const rnd = seededRandom(2019);
  const row = db.prepare<[number], { key: string; seq: number }>(`SELECT ${keyColumn} AS key, seq FROM ${table} WHERE rowid >= ? ORDER BY rowid LIMIT 1`);
  const event = db.prepare<[number], { effective_date: string; recorded_at: string }>('SELECT effective_date, recorded_at FROM events WHERE seq = ?');
  return Array.from({ length: SAMPLES }, () => {
    const version = row.get(1 + rnd.int(max))!;
    const at = event.get(version.seq)!;
    return { key: version.key, asOf: at.effective_date, knownAt: at.recorded_at };
  });
}

export const timeTravelBenchmark: Benchmark = {
  name: 'time-travel',
  title: 'Time-travel queries on the projected history',
  async run({ largeStore, log }) {
    const large = await largeStore({ projected: true });
    const db = openReadModel(join(large.dataDir, 'read-model.sqlite'), PROJECTIONS);
    const measures: Measure[] = [];
    const details: Record<string, unknown> = {};
    try {
      const instruments = samples(db, 'instrument_versions', 'instrument_id');
      const programmes = samples(db, 'programme_versions', 'code');
      const [cnddr, integration, moc] = [new CnddrViewResolver({ db }), new IntegrationCommissionViewResolver({ db }), new MocViewResolver({ db })];
      const view = (body: Body) => ({ body, on: today(), asOf: null });
      const lastDay = db.prepare<[], { day: string }>('SELECT max(coalesce(ended_on, since)) AS day FROM step_waits').get()!.day;
      const subjects = [
        { name: 'instrument', samples: instruments, find: (s: Sample, c: Clocks) => findInstrument(db, s.key, c) },
        { name: 'programme', samples: programmes, find: (s: Sample, c: Clocks) => findProgramme(db, s.key, c) },
        {
          // What programme(asOf) { breakdown(by) } runs, in each of the four dimensions.
          name: 'programme breakdown',
          samples: programmes,
          find: (s: Sample, c: Clocks) => {
            const reading = findProgramme(db, s.key, c);
            return reading && BREAKDOWN_DIMENSIONS.map((by) => figureBreakdown(reading.figures, by, 'integrated'));
          },
        },
        {
          // The bodies' own views, through their resolvers: registration, integration by rank, camps; they take asOf only.
          name: 'body views',
          samples: programmes,
          find: (s: Sample, c: Clocks) => [
            cnddr.registration(view('CNDDR'), s.key, c.asOf ?? undefined),
            integration.integrationByRank(view('INTEGRATION_COMMISSION'), s.key, c.asOf ?? undefined),
            moc.camps(view('MOC'), c.asOf ?? undefined),
          ],
          asOfOnly: true,
        },
        // A body's queue (the desk's first page) and the delays of the year before: as of a date they are read from the steps' waits.
        {
          name: 'body queue',
          samples: waitSamples(db),
          find: (s: Sample, c: Clocks) => queueOf(db, EVERYTHING, 'instrument_awaiting', s.key as Body, { first: 20, after: null }, c.asOf).nodes,
          asOfOnly: true,
        },
        {
          // Now is the history's last year, not the calendar's: a generated history ends before today.
          name: 'delays',
          samples: waitSamples(db),
          find: (s: Sample, c: Clocks) => delaysTable(db, EVERYTHING, addDays(c.asOf ?? lastDay, -365), c.asOf ?? lastDay).handOffs,
          asOfOnly: true,
        },
        // The grades of every item by theme, on the dates of the instruments' versions: grades have no knownAt.
        {
          name: 'grade roll-up',
          samples: instruments,
          find: (_: Sample, c: Clocks) => gradeRollup(db, EVERYTHING, 'THEME', c.asOf ?? today()),
          asOfOnly: true,
        },
      ];
      for (const subject of subjects) {
        const variants = {
          now: (s: Sample) => subject.find(s, {}),
          asOf: (s: Sample) => subject.find(s, { asOf: s.asOf }),
          ...('asOfOnly' in subject ? {} : { knownAt: (s: Sample) => subject.find(s, { knownAt: s.knownAt }) }),
        };
        const latencies: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((variant) => [variant, []]));
        let found = 0;
        log(`time travel: ${subject.name}, ${ROUNDS} rounds of ${Object.keys(variants).join(' / ')} over ${SAMPLES} sampled versions`);
        // Rounds alternate the variants, so a noisy moment falls on all of them.
        for (let round = 0; round < ROUNDS; round++) {
          for (const [variant, query] of Object.entries(variants) as Array<[string, (s: Sample) => unknown]>) {
            const roundStarted = now();
            for (let i = 0; i < ROUND_QUERIES && now() - roundStarted < ROUND_MS; i++) {
              const sample = subject.samples[(i * 31 + round * 7) % SAMPLES];
              const t = now();
              const result = query(sample);
              latencies[variant].push(now() - t);
              if (result) found++;
            }
          }
        }
        const p99 = (variant: string) => percentile(latencies[variant], 99);
        for (const variant of Object.keys(variants).filter((v) => v !== 'now')) {
          measures.push(
            compared(
              `${subject.name} ${variant} p99`,
              p99(variant),
              'ms',
              { name: `${subject.name} now p99`, value: p99('now') },
              {
                text: '< 10 ms, <= 2x',
                met: (ratio, value) => value < 10 && ratio <= 2,
              },
            ),
          );
        }
        details[subject.name] = Object.fromEntries(
          Object.entries(latencies).map(([variant, values]) => [
            variant,
            { queries: values.length, p50: percentile(values, 50), p99: percentile(values, 99), mean: mean(values), max: percentile(values, 100) },
          ]),
        );
        details[`${subject.name}Found`] = found;
      }
    } finally {
      db.close();
    }
    return {
      workload:
        `findInstrument and findProgramme (what the instrument and programme queries run), the programme's breakdowns (four dimensions), the bodies' own views (CNDDR registration, Integration Commission integration by rank, MOC camps), a body's queue (queueOf, first page), the year's delays (delaysTable) and the grades by theme (gradeRollup) on the read model of ${large.events.toLocaleString('en')} events, in process: ` +
        `${SAMPLES} sampled versions (a random row of the versions table: its key, the effective date and the recorded instant of its event), ` +
        `${ROUNDS} alternating rounds per variant, each at most ${ROUND_QUERIES} queries or ${ROUND_MS} ms.`,
      baseline: 'the same query on the same keys without a clock (the current state), in the same rounds.',
      measures,
      details,
    };
  },
};
