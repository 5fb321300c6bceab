import { evaluateCondition, type Condition, type ConditionVerdict, type ProgrammeMeasure } from '@ddr/coordination';
import type { Body, CalendarDate } from '@ddr/kernel';
import { findCommitment } from '../commitments/commitments.queries';
import { findInstrument } from '../instruments/instruments.queries';
import { findProgramme } from '../programmes/programmes.queries';
import type { ReadModelDb } from '../read-model-db';
import { statement } from '../statements';

export interface ConditionReading extends Condition, ConditionVerdict {}

/** Conditions in force on `on`, each evaluated against the read model as of that date. */
export function listConditions(db: ReadModelDb, on: CalendarDate, filter: { body?: Body | null; met?: boolean | null } = {}): ConditionReading[] {
  const facts = {
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
  return statement<[string, string], { state: string }>(
    db,
    'SELECT state FROM conditions WHERE set_on <= ? AND (withdrawn_on IS NULL OR withdrawn_on > ?) ORDER BY id',
  )
    .all(on, on)
    .map((row) => JSON.parse(row.state) as Condition)
    .filter((condition) => !filter.body || condition.body === filter.body || requiresStepOf(condition, filter.body))
    .map((condition) => ({ ...condition, ...evaluateCondition(condition, facts) }))
    .filter((reading) => filter.met === undefined || filter.met === null || reading.met === filter.met);
}

/** A body is concerned by a condition it set, or one that waits on its own step. */
function requiresStepOf(condition: Condition, body: Body): boolean {
  return condition.requires.some((r) => r.kind === 'INSTRUMENT_STEP_APPROVED' && r.body === body);
}
