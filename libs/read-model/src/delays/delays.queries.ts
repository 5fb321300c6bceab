import { daysBetween, type Body, type CalendarDate } from '@ddr/kernel';
import type { ReadModelDb } from '../read-model-db';
import { pageOf, type Page, type PageRequest } from '../paging';
import { instrumentStream } from '@ddr/coordination';
import { statement } from '../statements';
import { WAITS_OPEN_ON } from './waits.projection';
import { streamVisible } from '../visibility/visible';
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

/** A step decided in the period: how long it waited. */
interface DecidedRow {
  body: Body;
  handedOverBy: Body;
  since: CalendarDate;
  endedOn: CalendarDate;
}

/** The steps of one hand-off still waiting at the period's end: how many, and the oldest as `since instrumentId`. */
interface WaitingRow {
  body: Body;
  handedOverBy: Body;
  waiting: number;
  oldest: string;
}

/** Decided in the period: approved, rejected or returned. A wait cut short without a decision (returned at a parallel step, withdrawn) is not. */
const DECIDED_IN_PERIOD = `SELECT body, handed_over_by AS handedOverBy, since, ended_on AS endedOn FROM step_waits
  WHERE outcome IS NOT NULL AND ended_on BETWEEN @from AND @to`;

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
  /** The decided steps' waits in days. */
  days: number[];
  waiting: number;
  oldest: string | null;
}

function figuresOf({ days, waiting, oldest }: Group<unknown>, to: CalendarDate): DelayFigures {
  days.sort((a, b) => a - b);
  const middle = days.length / 2;
  const split = oldest?.indexOf(' ') ?? -1;
  const oldestSince = oldest === null ? null : oldest.slice(0, split);
  return {
    decided: days.length,
    medianDays: days.length === 0 ? null : days.length % 2 ? days[Math.floor(middle)] : (days[middle - 1] + days[middle]) / 2,
    p90Days: days.length === 0 ? null : days[Math.ceil(days.length * 0.9) - 1],
    longestDays: days.at(-1) ?? null,
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
    return groups.get(name) ?? groups.set(name, { key, days: [], waiting: 0, oldest: null }).get(name)!;
  };
  for (const row of decided) groupOf(row).days.push(daysBetween(row.since, row.endedOn));
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
  const decided = statement<[{ from: string; to: string }], DecidedRow>(db, readable(DECIDED_IN_PERIOD, viewer)).all({ from, to });
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
