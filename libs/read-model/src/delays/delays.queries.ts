import { daysBetween, type Body, type CalendarDate } from '@ddr/kernel';
import type { ReadModelDb } from '../read-model-db';
import { pageOf, type Page, type PageRequest } from '../paging';
import { statement } from '../statements';

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

interface WaitRow {
  instrumentId: string;
  body: Body;
  handedOverBy: Body;
  since: CalendarDate;
  endedOn: CalendarDate | null;
  outcome: string | null;
}

/**
 * The waits that count in a period: those decided in it, and those still open at its end. A wait cut
 * short without a decision (returned at a parallel step, withdrawn) is neither.
 */
const WAITS_IN_PERIOD = `SELECT instrument_id AS instrumentId, body, handed_over_by AS handedOverBy, since, ended_on AS endedOn, outcome FROM step_waits
  WHERE (outcome IS NOT NULL AND ended_on BETWEEN @from AND @to) OR (since <= @to AND (ended_on IS NULL OR ended_on > @to))`;

const decidedIn = (row: WaitRow, to: CalendarDate) => row.outcome !== null && row.endedOn !== null && row.endedOn <= to;

function figuresOf(rows: readonly WaitRow[], to: CalendarDate): DelayFigures {
  const days = rows
    .filter((row) => decidedIn(row, to))
    .map((row) => daysBetween(row.since, row.endedOn!))
    .sort((a, b) => a - b);
  const waiting = rows.filter((row) => !decidedIn(row, to)).sort((a, b) => a.since.localeCompare(b.since) || a.instrumentId.localeCompare(b.instrumentId));
  const middle = days.length / 2;
  const oldest = waiting[0];
  return {
    decided: days.length,
    medianDays: days.length === 0 ? null : days.length % 2 ? days[Math.floor(middle)] : (days[middle - 1] + days[middle]) / 2,
    p90Days: days.length === 0 ? null : days[Math.ceil(days.length * 0.9) - 1],
    longestDays: days.at(-1) ?? null,
    stillWaiting: waiting.length,
    oldestSince: oldest?.since ?? null,
    oldestDays: oldest ? daysBetween(oldest.since, to) : null,
    oldestInstrumentId: oldest?.instrumentId ?? null,
  };
}

/** How slow a group was: its longest wait, decided or still open; the longer first. */
const slowness = (figures: DelayFigures) => Math.max(figures.longestDays ?? -1, figures.oldestDays ?? -1);

function grouped<Key extends object>(rows: readonly WaitRow[], to: CalendarDate, keyOf: (row: WaitRow) => Key): Array<Key & DelayFigures> {
  const groups = new Map<string, { key: Key; rows: WaitRow[] }>();
  for (const row of rows) {
    const key = keyOf(row);
    const name = JSON.stringify(key);
    const group = groups.get(name) ?? groups.set(name, { key, rows: [] }).get(name)!;
    group.rows.push(row);
  }
  return [...groups.entries()]
    .map(([name, group]) => ({ name, delay: { ...group.key, ...figuresOf(group.rows, to) } }))
    .sort((a, b) => slowness(b.delay) - slowness(a.delay) || (b.delay.medianDays ?? -1) - (a.delay.medianDays ?? -1) || a.name.localeCompare(b.name))
    .map(({ delay }) => delay);
}

/**
 * The delays table of a period, slowest first: per awaited body and per hand-off. Computed from the
 * steps' waits as they now stand, so a late act or a corrected decision date moves the figures.
 */
export function delaysTable(db: ReadModelDb, from: CalendarDate, to: CalendarDate): DelaysTable {
  const rows = statement<[{ from: string; to: string }], WaitRow>(db, WAITS_IN_PERIOD).all({ from, to });
  return {
    from,
    to,
    byBody: grouped(rows, to, (row) => ({ body: row.body })),
    handOffs: grouped(rows, to, (row) => ({ from: row.handedOverBy, to: row.body })),
  };
}

/** A page of a delays list, in its slowest-first order: the key is the place in that order. */
export const delaysPage = <T>(list: readonly T[], request: PageRequest): Page<T> => pageOf(list, (item) => [list.indexOf(item)], request);
