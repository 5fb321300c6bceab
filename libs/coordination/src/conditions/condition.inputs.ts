import { InputType } from '@nestjs/graphql';
import type { Body } from '@ddr/kernel';
import { BodyField, CommandIdField, CountField, DateField, EnumField, FlagField, IdField, ListField, SourcedInput, TextField, graphqlEnum } from '@ddr/desks';
import { ThemeField } from '../assessments/assessment.inputs';
import type { Theme } from '../assessments/theme.state';
import { STEP_ACTIONS, type StepAction } from '../instruments/instrument.events';
import { DueAfterField, StepActionEnum, type DueAfterInput } from '../instruments/instrument.inputs';
import { INSTRUMENT_STATUSES, type InstrumentStatus } from '../instruments/instrument.state';
import { PROGRAMME_MEASURES, type ProgrammeMeasure } from './condition.events';

export const REQUIREMENT_KINDS = ['INSTRUMENT_STEP_APPROVED', 'INSTRUMENT_STATUS', 'COMMITMENT_FULFILLED', 'PROGRAMME_COUNT'] as const;
export const RequirementKindEnum = graphqlEnum(REQUIREMENT_KINDS, 'RequirementKind');
export const InstrumentStatusEnum = graphqlEnum(INSTRUMENT_STATUSES, 'InstrumentStatus');
export const ProgrammeMeasureEnum = graphqlEnum(PROGRAMME_MEASURES, 'ProgrammeMeasure');

/** One requirement; which fields it needs depends on its kind (GraphQL has no input unions). */
@InputType()
export class RequirementInput {
  @EnumField(REQUIREMENT_KINDS, RequirementKindEnum)
  kind: (typeof REQUIREMENT_KINDS)[number];
  @IdField({ optional: true })
  instrumentId?: string | null;
  @BodyField({ optional: true })
  body?: Body | null;
  @EnumField(STEP_ACTIONS, StepActionEnum, { optional: true })
  action?: StepAction | null;
  @EnumField(INSTRUMENT_STATUSES, InstrumentStatusEnum, { optional: true })
  status?: InstrumentStatus | null;
  @IdField({ optional: true })
  commitmentId?: string | null;
  @IdField({ optional: true })
  programme?: string | null;
  @EnumField(PROGRAMME_MEASURES, ProgrammeMeasureEnum, { optional: true })
  measure?: ProgrammeMeasure | null;
  @CountField({ optional: true })
  atLeast?: number | null;
}

@InputType({ isAbstract: true })
export class ConditionActInput extends SourcedInput {
  @CommandIdField()
  commandId?: string | null;
  @IdField()
  conditionId: string;
  @DateField()
  effectiveDate: string;
}

@InputType()
export class SetConditionInput extends ConditionActInput {
  @TextField({ description: 'The rule in a line, e.g. "Further ADDR-I tranches require the rank decree endorsed".' })
  title: string;
  @TextField({ description: 'What the condition holds back.' })
  subject: string;
  @ListField(RequirementInput, { min: 1, max: 10 })
  requires: RequirementInput[];
  @FlagField({ optional: true, description: 'A recommendation of its source (cited in sourceRef), not a decision of the recording body; false by default.' })
  recommendation?: boolean | null;
  @ThemeField()
  theme?: Theme | null;
  @DateField({ optional: true, allowFuture: true, description: 'The date it must be met by, if any.' })
  dueDate?: string | null;
  @DueAfterField('Or: it must be met a number of days after an act of an instrument ("within 30 days of signing").')
  dueAfter?: DueAfterInput | null;
}

@InputType()
export class WithdrawConditionInput extends ConditionActInput {
  @TextField({ max: 2000 })
  reason: string;
}
