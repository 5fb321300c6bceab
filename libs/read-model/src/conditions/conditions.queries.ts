import { conditionStream, evaluateCondition, type Condition, type ConditionVerdict, type ProgrammeMeasure } from '@ddr/coordination';
import type { Body, CalendarDate } from '@ddr/kernel';
import { findCommitment } from '../commitments/commitments.queries';
import { conditionDeadline } from '../instruments/act-deadlines';
import { findInstrument } from '../instruments/instruments.queries';
import { findProgramme } from '../programmes/programmes.queries';
import type { ReadModelDb } from '../read-model-db';
import { encodeCursor, type Page, type PageKey, type PageRequest } from '../paging';
import { statement } from '../statements';
import { streamVisible } from '../visibility/visible';
import type { Viewer } from '../visibility/viewer';

export interface ConditionReading extends Condition, ConditionVerdict {
  /** With `dueAfter`: the date of the act it counts from, if known by the date asked (`dueDate` is then counted from it). */
  dueAfterActOn: CalendarDate | null;
  /** Unmet past its due date on the date asked. */
  overdue: boolean;
}

export interface ConditionFilter {
  body?: Body | null;
  met?: boolean | null;
}

/** Conditions are read in chunks this long while a page is filled with those that match. */
const CHUNK = 50;

/**
 * Conditions in force on `on` (those concerning `filter.body` only, read from that body's rows of
 * the concerns index), oldest first, each evaluated against the read model as of that date, a page
 * at a time. Whether a condition is met is evaluated, never stored: a page reads the conditions in
 * order until it has `first` that match, and `totalCount`, when asked for, evaluates all of them.
 */
export function conditionsPage(db: ReadModelDb, viewer: Viewer, on: CalendarDate, filter: ConditionFilter, request: PageRequest): Page<ConditionReading> {
  const facts = factsOn(db, on);
  const matches = (reading: ConditionReading) => filter.met === undefined || filter.met === null || reading.met === filter.met;
  const chunk = (after: PageKey | null, limit: number): ConditionReading[] =>
    conditionsInForce(db, viewer, on, filter.body ?? null, after, limit).map((condition) => readingOf(condition, facts));
  const keyOf = (reading: ConditionReading): PageKey => [reading.setOn, reading.id];
  const found: ConditionReading[] = [];
  let after = request.after;
  for (;;) {
    const readings = chunk(after, CHUNK);
    found.push(...readings.filter(matches));
    if (found.length > request.first || readings.length < CHUNK) break;
    after = keyOf(readings[CHUNK - 1]);
  }
  const nodes = found.slice(0, request.first);
  return {
    nodes: nodes.map((node) => ({ cursor: encodeCursor(keyOf(node)), node })),
    hasNextPage: found.length > request.first,
    get totalCount() {
      return chunk(null, -1).filter(matches).length;
    },
  };
}

/** Conditions in force on a date, by (set on, id), after a key; SQLite's LIMIT -1 is no limit. */
function conditionsInForce(db: ReadModelDb, viewer: Viewer, on: CalendarDate, body: Body | null, after: PageKey | null, limit: number): Condition[] {
  const inForce = `c.set_on <= @on AND (c.withdrawn_on IS NULL OR c.withdrawn_on > @on) AND ${streamVisible(viewer, `'${conditionStream('')}' || c.id`)}`;
  const resume = after ? 'AND (c.set_on, c.id) > (@afterSetOn, @afterId)' : '';
  const sql = body
    ? `SELECT c.state FROM condition_concerns k JOIN conditions c ON c.id = k.condition_id
       WHERE k.body = @body AND k.set_on <= @on AND ${inForce} ${resume.replace('(c.set_on, c.id)', '(k.set_on, k.condition_id)')}
       ORDER BY k.set_on, k.condition_id LIMIT @limit`
    : `SELECT c.state FROM conditions c WHERE ${inForce} ${resume} ORDER BY c.set_on, c.id LIMIT @limit`;
  return statement<[Record<string, unknown>], { state: string }>(db, sql)
    .all({ on, body, limit, ...(after ? { afterSetOn: after[0], afterId: after[1] } : {}) })
    .map((row) => JSON.parse(row.state) as Condition);
}

/** A condition on a date: met or not, and due when (a deadline after an act counted from the act as known then). */
function readingOf(condition: Condition, facts: ReturnType<typeof factsOn>): ConditionReading {
  const verdict = evaluateCondition(condition, facts);
  const { actOn, dueDate } = conditionDeadline(condition, facts.instrument);
  return { ...condition, ...verdict, dueDate, dueAfterActOn: actOn, overdue: !verdict.met && dueDate !== null && dueDate < facts.on };
}

/** What a condition is evaluated against: the read model as of `on`. */
function factsOn(db: ReadModelDb, on: CalendarDate) {
  return {
    on,
    instrument: (id: string) => findInstrument(db, id, { asOf: on }),
    commitment: (id: string) => {
      const commitment = findCommitment(db, id);
      if (!commitment || commitment.madeOn > on) return null;
      return { ...commitment, fulfilledOn: commitment.fulfilledOn && commitment.fulfilledOn <= on ? commitment.fulfilledOn : null };
    },
    programmeCount: (code: string, measure: ProgrammeMeasure) => {
      const reading = findProgramme(db, code, { asOf: on });
      return reading ? (reading.figures.totals[measure] ?? 0) : null;
    },
  };
}
