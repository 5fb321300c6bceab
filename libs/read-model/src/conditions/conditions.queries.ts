import { evaluateCondition, type Condition, type ConditionVerdict, type ProgrammeMeasure } from '@ddr/coordination';
import type { Body, CalendarDate } from '@ddr/kernel';
import { findCommitment } from '../commitments/commitments.queries';
import { findInstrument } from '../instruments/instruments.queries';
import { findProgramme } from '../programmes/programmes.queries';
import type { ReadModelDb } from '../read-model-db';
import { pageOf, type Page, type PageRequest } from '../paging';
import { statement } from '../statements';

export interface ConditionReading extends Condition, ConditionVerdict {}

export interface ConditionFilter {
  body?: Body | null;
  met?: boolean | null;
}

/**
 * Conditions in force on `on` (those concerning `filter.body` only, read from that body's rows of
 * the concerns index), oldest first, each evaluated against the read model as of that date, a page
 * at a time. Whether a condition is met is evaluated, never stored, so the page and its total are
 * counted over the body's conditions in force.
 */
export function conditionsPage(db: ReadModelDb, on: CalendarDate, filter: ConditionFilter, request: PageRequest): Page<ConditionReading> {
  const inForce = 'c.set_on <= @on AND (c.withdrawn_on IS NULL OR c.withdrawn_on > @on)';
  const rows = filter.body
    ? statement<[{ on: string; body: string }], { state: string }>(
        db,
        `SELECT c.state FROM condition_concerns k JOIN conditions c ON c.id = k.condition_id
         WHERE k.body = @body AND k.set_on <= @on AND ${inForce} ORDER BY k.set_on, k.condition_id`,
      ).all({ on, body: filter.body })
    : statement<[{ on: string }], { state: string }>(db, `SELECT c.state FROM conditions c WHERE ${inForce} ORDER BY c.set_on, c.id`).all({ on });
  const facts = factsOn(db, on);
  const readings = rows
    .map((row) => JSON.parse(row.state) as Condition)
    .map((condition) => ({ ...condition, ...evaluateCondition(condition, facts) }))
    .filter((reading) => filter.met === undefined || filter.met === null || reading.met === filter.met);
  return pageOf(readings, (reading) => [reading.setOn, reading.id], request);
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
