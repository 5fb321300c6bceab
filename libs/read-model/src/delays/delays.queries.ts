import { daysBetween, monthAfter, type Body, type CalendarDate } from '@ddr/kernel';
import type { ReadModelDb } from '../read-model-db';
import { pageOf, type Page, type PageRequest } from '../paging';
import { instrumentStream } from '@ddr/coordination';
import { statement } from '../statements';
import { WAITS_OPEN_ON } from './waits.projection';
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

/** How many steps of one hand-off decided in the period waited so many days. */
interface DecidedRow {
  body: Body;
  handedOverBy: Body;
  days: number;
  steps: number;
}

/** The steps of one hand-off still waiting at the period's end: how many, and the oldest as `since instrumentId`. */
interface WaitingRow {
  body: Body;
  handedOverBy: Body;
  waiting: number;
  oldest: string;
}

/**
 * Decided in the period: approved, rejected or returned. A wait cut short without a decision (returned at a parallel step,
 * withdrawn) is not. Counted in SQL by hand-off and days waited: a year's decisions are tens of thousands in a long history.
 */
function decidedInPeriod(viewer: Viewer): string {
  const hidden = hiddenIds(viewer, instrumentStream(''));
  const one = (dates: string, visible: boolean) =>
    `SELECT body, handed_over_by, waited_days, ${visible ? 1 : -1} AS steps FROM step_waits WHERE outcome IS NOT NULL AND ${dates}` +
    (hidden ? ` AND instrument_id ${visible ? 'NOT IN' : 'IN'} (${hidden})` : '');
  // The whole months between the first and the last are counted already; a viewer's hidden instruments are taken out of them.
  const months = [
    `SELECT body, handed_over_by, waited_days, steps FROM decided_counts WHERE month > substr(@from, 1, 7) AND month < substr(@to, 1, 7)`,
    one('ended_on BETWEEN @from AND @to AND ended_on < @firstMonthEnds', true),
    one('ended_on BETWEEN @from AND @to AND ended_on >= @lastMonthBegins AND substr(@from, 1, 7) < substr(@to, 1, 7)', true),
    ...(hidden ? [one('ended_on >= @firstMonthEnds AND ended_on < @lastMonthBegins', false)] : []),
  ];
  return `SELECT body, handed_over_by AS handedOverBy, waited_days AS days, sum(steps) AS steps FROM (${months.join(' UNION ALL ')})
    GROUP BY body, handed_over_by, waited_days HAVING sum(steps) > 0`;
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

/** The wait at a rank (1 is the shortest) among waits counted by days. */
function rankIn(counted: ReadonlyArray<[number, number]>, rank: number): number {
  let seen = 0;
  for (const [days, steps] of counted) if ((seen += steps) >= rank) return days;
  throw new Error(`rank ${rank} past ${seen} waits`);
}

function figuresOf({ days, waiting, oldest }: Group<unknown>, to: CalendarDate): DelayFigures {
  const counted = [...days.entries()].sort(([a], [b]) => a - b);
  const decided = counted.reduce((n, [, steps]) => n + steps, 0);
  const split = oldest?.indexOf(' ') ?? -1;
  const oldestSince = oldest === null ? null : oldest.slice(0, split);
  return {
    decided,
    medianDays: decided === 0 ? null : decided % 2 ? rankIn(counted, (decided + 1) / 2) : (rankIn(counted, decided / 2) + rankIn(counted, decided / 2 + 1)) / 2,
    p90Days: decided === 0 ? null : rankIn(counted, Math.ceil(decided * 0.9)),
    longestDays: counted.at(-1)?.[0] ?? null,
    stillWaiting: waiting,
    oldestSince,
    oldestDays: oldestSince === null ? null : daysBetween(oldestSince, to),
    oldestInstrumentId: oldest === null ? null : oldest.slice(split + 1),
  };
}

/** How slow a group was: its longest wait, decided or still open; the longer first. */
const slowness = (figures: DelayFigures) => Math.max(figures.longestDays ?? -1, figures.oldestDays ?? -1);

type HandOff = Pick<DecidedRow, 'body' | 'handedOverBy'>;

function grouped<Key extends object>(
  decided: readonly DecidedRow[],
  waiting: readonly WaitingRow[],
  to: CalendarDate,
  keyOf: (row: HandOff) => Key,
): Array<Key & DelayFigures> {
  const groups = new Map<string, Group<Key>>();
  const groupOf = (row: HandOff) => {
    const key = keyOf(row);
    const name = JSON.stringify(key);
    return groups.get(name) ?? groups.set(name, { key, days: new Map(), waiting: 0, oldest: null }).get(name)!;
  };
  for (const row of decided) {
    const { days } = groupOf(row);
    days.set(row.days, (days.get(row.days) ?? 0) + row.steps);
  }
  for (const row of waiting) {
    const group = groupOf(row);
    group.waiting += row.waiting;
    if (group.oldest === null || row.oldest < group.oldest) group.oldest = row.oldest;
  }
  return [...groups.entries()]
    .map(([name, group]) => ({ name, delay: { ...group.key, ...figuresOf(group, to) } }))
    .sort((a, b) => slowness(b.delay) - slowness(a.delay) || (b.delay.medianDays ?? -1) - (a.delay.medianDays ?? -1) || a.name.localeCompare(b.name))
    .map(({ delay }) => delay);
}

/**
 * The delays table of a period, slowest first: per awaited body and per hand-off. Computed from the
 * steps' waits as they now stand, so a late act or a corrected decision date moves the figures.
 */
export function delaysTable(db: ReadModelDb, viewer: Viewer, from: CalendarDate, to: CalendarDate): DelaysTable {
  const [firstMonthEnds, lastMonthBegins] = [monthAfter(from), `${to.slice(0, 7)}-01`];
  const decided = statement<[object], DecidedRow>(db, decidedInPeriod(viewer)).all({ from, to, firstMonthEnds, lastMonthBegins });
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
