import type { CalendarDate } from '@ddr/kernel';
import { commitmentStatus, type Commitment } from '../commitments/commitment.state';
import { awaitedSteps, type Instrument, type InstrumentStatus } from '../instruments/instrument.state';
import type { ProgrammeMeasure, Requirement } from './condition.events';
import type { Condition } from './condition.state';

/** The states a condition looks at, as of one date; the read side and the write side both provide them. */
export interface ConditionFacts {
  on: CalendarDate;
  instrument(id: string): Instrument | null;
  commitment(id: string): Commitment | null;
  programmeCount(code: string, measure: ProgrammeMeasure): number | null;
}

export interface ConditionVerdict {
  met: boolean;
  /** What stands in the way, one line per unmet requirement. */
  blockedBy: string[];
}

/** Where each status lies on the way to completion; reaching a later one satisfies an earlier one. */
const PROGRESS: Partial<Record<InstrumentStatus, number>> = { DRAFT: 0, IN_PROGRESS: 1, ADOPTED: 2, IN_IMPLEMENTATION: 3, IMPLEMENTED: 4 };

function blocker(requirement: Requirement, facts: ConditionFacts): string | undefined {
  switch (requirement.kind) {
    case 'INSTRUMENT_STEP_APPROVED': {
      const instrument = facts.instrument(requirement.instrumentId);
      if (!instrument) return `instrument ${requirement.instrumentId} has not been proposed`;
      const step = instrument.pathway.find((s) => s.body === requirement.body && s.action === requirement.action);
      if (step?.status === 'APPROVED') return undefined;
      return `${requirement.instrumentId}: ${requirement.body} ${requirement.action} not approved (${describe(instrument)})`;
    }
    case 'INSTRUMENT_STATUS': {
      const instrument = facts.instrument(requirement.instrumentId);
      if (!instrument) return `instrument ${requirement.instrumentId} has not been proposed`;
      const [wanted, reached] = [PROGRESS[requirement.status], PROGRESS[instrument.status]];
      const ok = instrument.status === requirement.status || (wanted !== undefined && reached !== undefined && reached >= wanted);
      return ok ? undefined : `${requirement.instrumentId} is not ${requirement.status} (${describe(instrument)})`;
    }
    case 'COMMITMENT_FULFILLED': {
      const commitment = facts.commitment(requirement.commitmentId);
      if (!commitment) return `commitment ${requirement.commitmentId} has not been made`;
      const status = commitmentStatus(commitment, facts.on);
      return status === 'FULFILLED' ? undefined : `commitment ${requirement.commitmentId} is ${status} (due ${commitment.dueDate})`;
    }
    case 'PROGRAMME_COUNT': {
      const count = facts.programmeCount(requirement.programme, requirement.measure);
      if (count === null) return `programme ${requirement.programme} has not been launched`;
      return count >= requirement.atLeast ? undefined : `${requirement.programme}: ${requirement.measure} ${count} of the ${requirement.atLeast} required`;
    }
  }
}

function describe(instrument: Instrument): string {
  const awaiting = awaitedSteps(instrument).map((i) => `${instrument.pathway[i].body} ${instrument.pathway[i].action}`);
  return awaiting.length ? `${instrument.status}, awaiting ${awaiting.join(' and ')}` : instrument.status;
}

/** Met when every requirement holds; never a flag someone sets. */
export function evaluateCondition(condition: Condition, facts: ConditionFacts): ConditionVerdict {
  const blockedBy = condition.requires.map((r) => blocker(r, facts)).filter((b): b is string => b !== undefined);
  return { met: blockedBy.length === 0, blockedBy };
}
