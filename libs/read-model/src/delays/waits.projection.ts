import { instrumentStream } from '@ddr/coordination';
import { daysBetween, monthsFrom } from '@ddr/kernel';
import { currentInstrumentView } from '../instruments/current-view';
import type { StepWait } from '../instruments/step-waits';
import type { Projection } from '../projection';
import type { ReadModelDb } from '../read-model-db';
import { statement } from '../statements';

/**
 * Every wait of every pathway step as a row, for the body queues as of a date and the delays table.
 * It reads the instrument's view as the instruments projection (listed before it) just left it and
 * writes those of its waits that differ from the stored ones, so a late act or a correction moves them too.
 */
export const waitsProjection: Projection = {
  name: 'waits',
  streams: [instrumentStream('')],
  schema: `
    CREATE TABLE IF NOT EXISTS step_waits (
      instrument_id TEXT NOT NULL, n INTEGER NOT NULL, step INTEGER NOT NULL, body TEXT NOT NULL, action TEXT NOT NULL,
      handed_over_by TEXT NOT NULL, since TEXT NOT NULL, ended_on TEXT, outcome TEXT, due_date TEXT, waited_days INTEGER,
      PRIMARY KEY (instrument_id, n));
    -- The waits still open: what a body's queue and the delays table read for a date, with the months below.
    CREATE INDEX IF NOT EXISTS step_waits_still_open ON step_waits (body, since, instrument_id, handed_over_by) WHERE ended_on IS NULL;
    -- Covering for the steps decided in a period, which the delays table counts by hand-off and days waited.
    CREATE INDEX IF NOT EXISTS step_waits_decided ON step_waits (ended_on, outcome, body, handed_over_by, waited_days, instrument_id);
    -- Each ended wait once for every month it was open in: the waits open on a date are found among those of its month,
    -- not among every wait begun before it (a history of years has hundreds of thousands).
    CREATE TABLE IF NOT EXISTS step_wait_months (
      month TEXT NOT NULL, body TEXT NOT NULL, since TEXT NOT NULL, instrument_id TEXT NOT NULL, n INTEGER NOT NULL,
      handed_over_by TEXT NOT NULL, ended_on TEXT NOT NULL, PRIMARY KEY (month, body, since, instrument_id, n)) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS step_wait_months_by_instrument ON step_wait_months (instrument_id);
    -- The steps a body decided in a month, counted per body that handed them over and days waited (\`waits\`, JSON:
    -- {"CTS": [days, steps, days, steps, ...], ...}, shortest first): the delays table reads a year as a couple of hundred
    -- rows, and at most half of each end month one step at a time.
    CREATE TABLE IF NOT EXISTS decided_months (month TEXT NOT NULL, body TEXT NOT NULL, waits TEXT NOT NULL, PRIMARY KEY (month, body)) WITHOUT ROWID;
  `,
  apply(db, event) {
    const id = event.data.instrumentId as string;
    const view = currentInstrumentView(db, id);
    if (!view) return;
    const { waits } = view;
    const stored = statement<[string], StoredWait>(
      db,
      `SELECT n, step, body, action, handed_over_by AS handedOverBy, since, ended_on AS endedOn, outcome, due_date AS dueDate
       FROM step_waits WHERE instrument_id = ? ORDER BY n`,
    ).all(id);
    const decidedBefore: DecidedStep[] = [];
    const decided: DecidedStep[] = [];
    // An event ends a wait or begins one; the others are as stored and are not written again.
    for (let n = 0; n < Math.max(stored.length, waits.length); n++) {
      const was = stored[n];
      const wait = waits[n];
      if (was && wait && sameWait(was, wait)) continue;
      if (was?.endedOn) statement(db, 'DELETE FROM step_wait_months WHERE instrument_id = ? AND n = ?').run(id, n);
      if (was?.outcome) decidedBefore.push(decidedStep(was));
      if (!wait) {
        statement(db, 'DELETE FROM step_waits WHERE instrument_id = ? AND n = ?').run(id, n);
        continue;
      }
      statement(
        db,
        `INSERT OR REPLACE INTO step_waits (instrument_id, n, step, body, action, handed_over_by, since, ended_on, outcome, due_date, waited_days)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        n,
        wait.step,
        wait.body,
        wait.action,
        wait.handedOverBy,
        wait.since,
        wait.endedOn,
        wait.outcome,
        wait.dueDate,
        wait.endedOn === null ? null : daysBetween(wait.since, wait.endedOn),
      );
      if (wait.endedOn === null) continue;
      if (wait.outcome !== null) decided.push(decidedStep(wait));
      for (const month of monthsFrom(wait.since, wait.endedOn))
        statement(db, 'INSERT INTO step_wait_months (month, body, since, instrument_id, n, handed_over_by, ended_on) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
          month,
          wait.body,
          wait.since,
          id,
          n,
          wait.handedOverBy,
          wait.endedOn,
        );
    }
    recount(db, decidedBefore, decided);
  },
};

type StoredWait = StepWait & { n: number };

const sameWait = (a: StepWait, b: StepWait) =>
  a.step === b.step &&
  a.body === b.body &&
  a.action === b.action &&
  a.handedOverBy === b.handedOverBy &&
  a.since === b.since &&
  a.endedOn === b.endedOn &&
  a.outcome === b.outcome &&
  a.dueDate === b.dueDate;

const decidedStep = (wait: StepWait): DecidedStep => ({
  endedOn: wait.endedOn!,
  body: wait.body,
  handedOverBy: wait.handedOverBy,
  days: daysBetween(wait.since, wait.endedOn!),
});

interface DecidedStep {
  endedOn: string;
  body: string;
  handedOverBy: string;
  days: number;
}

/** A body's decisions of a month as stored: per body that handed the steps over, [days waited, steps, ...], shortest first. */
export type DecidedWaits = Record<string, number[]>;

/**
 * Moves the instrument's decided steps in their months' counts from what they were to what they are: only the
 * difference is written (a new decision is one count up), and counts that fall to none are left out, as a rebuild
 * leaves them.
 */
function recount(db: ReadModelDb, before: readonly DecidedStep[], after: readonly DecidedStep[]): void {
  const changes = new Map<string, Array<[DecidedStep, number]>>();
  const change = (step: DecidedStep, by: number) => {
    const key = `${step.endedOn.slice(0, 7)} ${step.body}`;
    (changes.get(key) ?? changes.set(key, []).get(key)!).push([step, by]);
  };
  before.forEach((step) => change(step, -1));
  after.forEach((step) => change(step, 1));
  for (const [key, moves] of changes) {
    const [month, body] = key.split(' ');
    const row = statement<string[], { waits: string }>(db, 'SELECT waits FROM decided_months WHERE month = ? AND body = ?').get(month, body);
    const counted = new Map<string, Map<number, number>>();
    for (const [by, flat] of Object.entries(row ? (JSON.parse(row.waits) as DecidedWaits) : {})) {
      const days = new Map<number, number>();
      for (let i = 0; i < flat.length; i += 2) days.set(flat[i], flat[i + 1]);
      counted.set(by, days);
    }
    for (const [step, by] of moves) {
      const days = counted.get(step.handedOverBy) ?? counted.set(step.handedOverBy, new Map()).get(step.handedOverBy)!;
      days.set(step.days, (days.get(step.days) ?? 0) + by);
    }
    const waits: DecidedWaits = {};
    for (const by of [...counted.keys()].sort()) {
      const flat = [...counted.get(by)!].filter(([, steps]) => steps !== 0).sort(([a], [b]) => a - b);
      if (flat.length) waits[by] = flat.flat();
    }
    if (Object.keys(waits).length === 0) statement(db, 'DELETE FROM decided_months WHERE month = ? AND body = ?').run(month, body);
    else
      statement(db, 'INSERT INTO decided_months (month, body, waits) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET waits = excluded.waits').run(
        month,
        body,
        JSON.stringify(waits),
      );
  }
}

/** The two halves of the waits open on `@on`: those that ended later, found in the month of `@on`, and the few still open. */
const openOnHalves = (columns: string, stillOpenColumns: string, where: string) => `SELECT ${columns} FROM step_wait_months w
    WHERE month = substr(@on, 1, 7) AND since <= @on AND ended_on > @on${where}
  UNION ALL SELECT ${stillOpenColumns} FROM step_waits w WHERE ended_on IS NULL AND since <= @on${where}`;

/** The waits open on `@on` (begun by then, not ended by then) as a table expression. Columns as in `step_waits`. */
export const WAITS_OPEN_ON = `(${openOnHalves('body, since, instrument_id, n, handed_over_by, ended_on', 'body, since, instrument_id, n, handed_over_by, NULL', '')})`;

/**
 * The waits open on `@on` that await `@body`, oldest first (by `since`, then instrument): each half of `WAITS_OPEN_ON`
 * read in that order from its index and the two merged, so a reader that stops after a page has read no further.
 * `columns` begin with `w.since, w.instrument_id`; `where` is added to both halves.
 */
export const bodyWaitsOpenOn = (columns: string, where: string) => `${openOnHalves(columns, columns, ` AND body = @body${where}`)} ORDER BY 1, 2`;
