import { InputType } from '@nestjs/graphql';
import { reject, type Body } from '@ddr/kernel';
import { CommandRejectedError } from '@ddr/decision-runner';
import {
  BodyField,
  CommandIdField,
  CountField,
  DateField,
  EnumField,
  IdField,
  ListField,
  SourceRefField,
  TextField,
  deciderHandler,
  deskCommand,
  graphqlEnum,
} from '@ddr/desks';
import { STEP_ACTIONS, type StepAction } from '../instruments/instrument.events';
import { StepActionEnum } from '../instruments/instrument.inputs';
import { INSTRUMENT_STATUSES, type InstrumentStatus } from '../instruments/instrument.state';
import { conditionDecider, conditionStream, PROGRAMME_MEASURES, type ProgrammeMeasure, type Requirement } from './condition.decider';

const REQUIREMENT_KINDS = ['INSTRUMENT_STEP_APPROVED', 'INSTRUMENT_STATUS', 'COMMITMENT_FULFILLED', 'PROGRAMME_COUNT'] as const;
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
class ConditionActInput {
  @CommandIdField()
  commandId?: string | null;
  @IdField()
  conditionId: string;
  @DateField()
  effectiveDate: string;
  @SourceRefField()
  sourceRef?: string | null;
}

@InputType()
export class SetConditionInput extends ConditionActInput {
  @TextField({ description: 'The rule in a line, e.g. "Further ADDR-I tranches require the rank decree endorsed".' })
  title: string;
  @TextField({ description: 'What the condition holds back.' })
  subject: string;
  @ListField(RequirementInput, { min: 1, max: 10 })
  requires: RequirementInput[];
}

@InputType()
export class WithdrawConditionInput extends ConditionActInput {
  @TextField({ max: 2000 })
  reason: string;
}

export const SetConditionCommand = deskCommand<SetConditionInput>('SetCondition');
export const WithdrawConditionCommand = deskCommand<WithdrawConditionInput>('WithdrawCondition');

function requirement(input: RequirementInput): Requirement {
  const need = <T>(value: T | null | undefined, field: string): T => {
    if (value === null || value === undefined) {
      throw new CommandRejectedError(reject('BAD_USER_INPUT', `a ${input.kind} requirement needs ${field}`));
    }
    return value;
  };
  switch (input.kind) {
    case 'INSTRUMENT_STEP_APPROVED':
      return { kind: input.kind, instrumentId: need(input.instrumentId, 'instrumentId'), body: need(input.body, 'body'), action: need(input.action, 'action') };
    case 'INSTRUMENT_STATUS':
      return { kind: input.kind, instrumentId: need(input.instrumentId, 'instrumentId'), status: need(input.status, 'status') };
    case 'COMMITMENT_FULFILLED':
      return { kind: input.kind, commitmentId: need(input.commitmentId, 'commitmentId') };
    case 'PROGRAMME_COUNT':
      return { kind: input.kind, programme: need(input.programme, 'programme'), measure: need(input.measure, 'measure'), atLeast: need(input.atLeast, 'atLeast') };
  }
}

const stream = (input: ConditionActInput) => conditionStream(input.conditionId);

export const CONDITION_HANDLERS = [
  deciderHandler(SetConditionCommand, {
    input: SetConditionInput,
    decider: conditionDecider,
    stream,
    command: (i, by) => ({
      type: 'SetCondition' as const,
      by,
      conditionId: i.conditionId,
      title: i.title,
      subject: i.subject,
      requires: i.requires.map(requirement),
      sourceRef: i.sourceRef ?? null,
      effectiveDate: i.effectiveDate,
    }),
  }),
  deciderHandler(WithdrawConditionCommand, {
    input: WithdrawConditionInput,
    decider: conditionDecider,
    stream,
    command: (i, by) => ({
      type: 'WithdrawCondition' as const,
      by,
      conditionId: i.conditionId,
      reason: i.reason,
      sourceRef: i.sourceRef ?? null,
      effectiveDate: i.effectiveDate,
    }),
  }),
];
