import type { Body, CalendarDate, DomainEvent, Source } from '@ddr/kernel';
import type { Theme } from '../assessments/theme.state';
import type { DueAfter, StepAction } from '../instruments/instrument.events';
import type { InstrumentStatus } from '../instruments/instrument.state';

export const PROGRAMME_MEASURES = ['registered', 'screenedFit', 'trained', 'integrated', 'redeployed'] as const;
export type ProgrammeMeasure = (typeof PROGRAMME_MEASURES)[number];

/** What must hold, each checkable from recorded events alone. */
export type Requirement =
  | { kind: 'INSTRUMENT_STEP_APPROVED'; instrumentId: string; body: Body; action: StepAction }
  | { kind: 'INSTRUMENT_STATUS'; instrumentId: string; status: InstrumentStatus }
  | { kind: 'COMMITMENT_FULFILLED'; commitmentId: string }
  | { kind: 'PROGRAMME_COUNT'; programme: string; measure: ProgrammeMeasure; atLeast: number };

type Base = { conditionId: string; source: Source };
/**
 * `recommendation`: the rule is a recommendation of its source (the brief recommends tying further tranches to the
 * decree), not a decision of `body`, whose secretariat only recorded it. Absent before schema version 2: false.
 */
export type ConditionSet = DomainEvent<
  'ConditionSet',
  Base & {
    body: Body;
    title: string;
    subject: string;
    requires: Requirement[];
    recommendation: boolean;
    /** When it must be met by, if set: a date, or (`dueAfter`) days after an instrument's act. Absent when none, as before deadlines. */
    dueDate?: CalendarDate;
    dueAfter?: DueAfter;
    /** Since schema version 3: before it, the theme its title's and subject's words name. */
    theme: Theme;
  }
>;
export type ConditionWithdrawn = DomainEvent<'ConditionWithdrawn', Base & { reason: string }>;
export type ConditionEvent = ConditionSet | ConditionWithdrawn;

export const conditionStream = (conditionId: string) => `condition-${conditionId}`;

/** The condition event types that carry a `source` since schema version 2. */
export const CONDITION_EVENT_TYPES: readonly ConditionEvent['type'][] = ['ConditionSet', 'ConditionWithdrawn'];
