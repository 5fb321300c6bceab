import { addDays, daysBetween, monthAfter, withFields, type Body, type CalendarDate } from '@ddr/kernel';
import type { ReadModelDb } from '../read-model-db';
import { pageOf, type Page, type PageRequest } from '../paging';
import { instrumentStream } from '@ddr/coordination';
import { statement } from '../statements';
import { WAITS_OPEN_ON, type DecidedWaits } from './waits.projection';
import { hiddenIds, streamVisible } from '../visibility/visible';
import type { Viewer } from '../visibility/viewer';

/** How long a body, or a hand-off between two bodies, kept steps waiting over a period. */
export interface DelayFigures {
  /** Steps decided in the period (approved, rejected or returned). */
  decided: number;
  /** Of their waits, in days: the median (the mean of the middle two when even), the 90th percentile (nearest rank), the longest. */
  medianDays: number | null;
  p90Days: number | null;
  longestDays: number | null;
  /** Steps still waiting at the period's end, and the one waiting longest: since when, how many days by then, on which instrument. */
  stillWaiting: number;
  oldestSince: CalendarDate | null;
  oldestDays: number | null;
  oldestInstrumentId: string | null;
}

export interface BodyDelay extends DelayFigures {
  body: Body;
}

/** A hand-off: the body whose act made a step next (`from`) to the body the step awaited (`to`). */
export interface HandOffDelay extends DelayFigures {
  from: Body;
  to: Body;
}

export interface DelaysTable {
  from: CalendarDate;
  to: CalendarDate;
  byBody: BodyDelay[];
  handOffs: HandOffDelay[];
}

/** The steps of one hand-off still waiting at the period's end: how many, and the oldest as `since instrumentId`. */
interface WaitingRow {
  body: Body;
  handedOverBy: Body;
  waiting: number;
  oldest: string;
}

/** A range of decision dates read one step at a time, added or taken away, for everyone or some instruments only. */
interface StepsRead {
  from: CalendarDate;
  to: CalendarDate;
  sign: 1 | -1;
  instruments: 'readable' | 'all' | 'hidden';
}

/** How a period is read: its whole months from their counts, the rest of each end month one step at a time. */
interface PeriodReading {
  months: { first: string; last: string } | null;
  steps: StepsRead[];
}

const lastDayOf = (month: string): CalendarDate => addDays(monthAfter(month), -1);

/**
 * How an end month of the period is read, its steps to read one by one pushed on `steps`; true when its count is read.
 * Its count holds every instrument's steps: a month more than half in the period is read as its count less its days
 * outside (for everyone), the others as their days inside (the readable instruments' only), so at most half of an end
 * month is read step by step.
 */
function readEndMonth(month: string, from: CalendarDate, to: CalendarDate, steps: StepsRead[]): boolean {
  const [start, end] = [`${month}-01`, lastDayOf(month)];
  const [inFrom, inTo] = [from > start ? from : start, to < end ? to : end];
  if (2 * (daysBetween(inFrom, inTo) + 1) <= daysBetween(start, end) + 1) {
    steps.push({ from: inFrom, to: inTo, sign: 1, instruments: 'readable' });
    return false;
  }
  if (inFrom > start) steps.push({ from: start, to: addDays(inFrom, -1), sign: -1, instruments: 'all' });
  if (inTo < end) steps.push({ from: addDays(inTo, 1), to: end, sign: -1, instruments: 'all' });
  return true;
}

/**
 * The months of a period read from their counts, and the steps read one by one: the end months as `readEndMonth`
 * says, and, for a viewer who may not read everything, the hidden instruments' steps of the counted days taken away.
 */
function periodReading(from: CalendarDate, to: CalendarDate, hidden: boolean): PeriodReading {
  const steps: StepsRead[] = [];
  const [firstMonth, lastMonth] = [from.slice(0, 7), to.slice(0, 7)];
  const first = readEndMonth(firstMonth, from, to, steps) ? firstMonth : monthAfter(firstMonth).slice(0, 7);
  const last = firstMonth === lastMonth || readEndMonth(lastMonth, from, to, steps) ? lastMonth : addDays(`${lastMonth}-01`, -1).slice(0, 7);
  if (first > last) return { months: null, steps };
  if (hidden) {
    const [start, end] = [`${first}-01`, lastDayOf(last)];
    steps.push({ from: from > start ? from : start, to: to < end ? to : end, sign: -1, instruments: 'hidden' });
  }
  return { months: { first, last }, steps };
}

/** A hand-off's decided steps: how many waited each number of days. */
interface HandOffSteps {
  body: Body;
  handedOverBy: Body;
  days: Map<number, number>;
}

/**
 * Decided in the period: approved, rejected or returned. A wait cut short without a decision (returned at a parallel step,
 * withdrawn) is not. Counted per hand-off and days waited: a year's decisions are tens of thousands in a long history.
 */
function decidedInPeriod(db: ReadModelDb, viewer: Viewer, from: CalendarDate, to: CalendarDate): HandOffSteps[] {
  const hidden = hiddenIds(viewer, instrumentStream(''));
  const reading = periodReading(from, to, hidden !== null);
  const handOffs = new Map<string, HandOffSteps>();
  const daysOf = (body: Body, handedOverBy: Body) => {
    const key = `${handedOverBy} ${body}`;
    return (handOffs.get(key) ?? handOffs.set(key, { body, handedOverBy, days: new Map() }).get(key)!).days;
  };
  if (reading.months) {
    const months = statement<[object], [Body, string]>(db, 'SELECT body, waits FROM decided_months WHERE month BETWEEN @first AND @last')
      .raw()
      .all(reading.months);
    for (const [body, waits] of months) {
      for (const [handedOverBy, flat] of Object.entries(JSON.parse(waits) as DecidedWaits)) {
        const days = daysOf(body, handedOverBy as Body);
        for (let i = 0; i < flat.length; i += 2) days.set(flat[i], (days.get(flat[i]) ?? 0) + flat[i + 1]);
      }
    }
  }
  for (const { from: a, to: b, sign, instruments } of reading.steps) {
    const which = instruments === 'all' || !hidden ? '' : ` AND instrument_id ${instruments === 'hidden' ? 'IN' : 'NOT IN'} (${hidden})`;
    const rows = statement<[object], [Body, Body, number]>(
      db,
      `SELECT body, handed_over_by, waited_days FROM step_waits WHERE outcome IS NOT NULL AND ended_on BETWEEN @a AND @b${which}`,
    )
      .raw()
      .all({ a, b });
    for (const [body, handedOverBy, waited] of rows) {
      const days = daysOf(body, handedOverBy);
      days.set(waited, (days.get(waited) ?? 0) + sign);
    }
  }
  for (const handOff of handOffs.values()) for (const [days, steps] of handOff.days) if (steps === 0) handOff.days.delete(days);
  return [...handOffs.values()];
}

/** Only the waits of instruments the viewer may read are counted: a figure never tells of a hidden one. */
const readable = (sql: string, viewer: Viewer) => `${sql} AND ${streamVisible(viewer, `'${instrumentStream('')}' || instrument_id`)}`;

/**
 * Still waiting at the period's end, counted in SQL: a long backlog is tens of thousands of open waits, too many to
 * bring into JavaScript. The oldest is the least of `since instrumentId` (dates sort as text).
 */
const waitingAtEnd = (viewer: Viewer) => `SELECT body, handed_over_by AS handedOverBy, count(*) AS waiting, min(since || ' ' || instrument_id) AS oldest
  FROM ${WAITS_OPEN_ON} WHERE ${readable('1', viewer)} GROUP BY body, handed_over_by`;

interface Group<Key> {
  key: Key;
  /** The decided steps' waits: how many steps waited each number of days. */
  days: Map<number, number>;
  waiting: number;
  oldest: string | null;
}

/** The wait at a rank (1 is the shortest) among waits counted by days, the days given in order. */
function rankIn(days: Float64Array, steps: ReadonlyMap<number, number>, rank: number): number {
  let seen = 0;
  for (const waited of days) if ((seen += steps.get(waited)!) >= rank) return waited;
  throw new Error(`rank ${rank} past ${seen} waits`);
}

function figuresOf({ days: steps, waiting, oldest }: Group<unknown>, to: CalendarDate): DelayFigures {
  // The days waited in order as numbers (a typed array sorts numerically, with no pair per entry to collect).
  const days = Float64Array.from(steps.keys()).sort();
  let decided = 0;
  for (const n of steps.values()) decided += n;
  const rank = (r: number) => rankIn(days, steps, r);
  const split = oldest?.indexOf(' ') ?? -1;
  const oldestSince = oldest === null ? null : oldest.slice(0, split);
  return {
    decided,
    medianDays: decided === 0 ? null : decided % 2 ? rank((decided + 1) / 2) : (rank(decided / 2) + rank(decided / 2 + 1)) / 2,
    p90Days: decided === 0 ? null : rank(Math.ceil(decided * 0.9)),
    longestDays: days.length ? days[days.length - 1] : null,
    stillWaiting: waiting,
    oldestSince,
    oldestDays: oldestSince === null ? null : daysBetween(oldestSince, to),
    oldestInstrumentId: oldest === null ? null : oldest.slice(split + 1),
  };
}

/** How slow a group was: its longest wait, decided or still open; the longer first. */
const slowness = (figures: DelayFigures) => Math.max(figures.longestDays ?? -1, figures.oldestDays ?? -1);

type HandOff = Pick<HandOffSteps, 'body' | 'handedOverBy'>;

function grouped<Key extends object>(
  decided: readonly HandOffSteps[],
  waiting: readonly WaitingRow[],
  to: CalendarDate,
  keyOf: (row: HandOff) => Key,
): Array<Omit<Key, keyof DelayFigures> & DelayFigures> {
  const groups = new Map<string, Group<Key>>();
  const groupOf = (row: HandOff) => {
    const key = keyOf(row);
    const name = JSON.stringify(key);
    return groups.get(name) ?? groups.set(name, { key, days: new Map(), waiting: 0, oldest: null }).get(name)!;
  };
  // A group of one hand-off reads that hand-off's counts as they are; a second one merges into a copy.
  const shared = new Set<Map<number, number>>();
  for (const handOff of decided) {
    const group = groupOf(handOff);
    if (group.days.size === 0) {
      group.days = handOff.days;
      shared.add(handOff.days);
      continue;
    }
    if (shared.has(group.days)) group.days = new Map(group.days);
    for (const [waited, steps] of handOff.days) group.days.set(waited, (group.days.get(waited) ?? 0) + steps);
  }
  for (const row of waiting) {
    const group = groupOf(row);
    group.waiting += row.waiting;
    if (group.oldest === null || row.oldest < group.oldest) group.oldest = row.oldest;
  }
  return [...groups.entries()]
    .map(([name, group]) => ({ name, delay: withFields(group.key, figuresOf(group, to)) }))
    .sort((a, b) => slowness(b.delay) - slowness(a.delay) || (b.delay.medianDays ?? -1) - (a.delay.medianDays ?? -1) || a.name.localeCompare(b.name))
    .map(({ delay }) => delay);
}

/**
 * The delays table of a period, slowest first: per awaited body and per hand-off. Computed from the
 * steps' waits as they now stand, so a late act or a corrected decision date moves the figures.
 */
export function delaysTable(db: ReadModelDb, viewer: Viewer, from: CalendarDate, to: CalendarDate): DelaysTable {
  const decided = decidedInPeriod(db, viewer, from, to);
  const waiting = statement<[{ on: string }], WaitingRow>(db, waitingAtEnd(viewer)).all({ on: to });
  return {
    from,
    to,
    byBody: grouped(decided, waiting, to, (row) => ({ body: row.body })),
    handOffs: grouped(decided, waiting, to, (row) => ({ from: row.handedOverBy, to: row.body })),
  };
}

/** A page of a delays list, in its slowest-first order: the key is the place in that order. */
export const delaysPage = <T>(list: readonly T[], request: PageRequest): Page<T> => pageOf(list, (item) => [list.indexOf(item)], request);
