import { applyDecorators } from '@nestjs/common';
import { Field, InputType } from '@nestjs/graphql';
import type { Body } from '@ddr/kernel';
import {
  BodyField,
  CommandIdField,
  CorrectionInput,
  CountField,
  DateField,
  EnumField,
  ExpectedRevisionField,
  FlagField,
  IdField,
  ListField,
  SourcedInput,
  TextField,
  graphqlEnum,
} from '@ddr/desks';
import { Type } from 'class-transformer';
import { IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { MEETING_REFERENCE } from '../meetings/meeting.events';
import { STEP_ACTIONS, STEP_OUTCOMES, VISIBILITIES, type DueAfter, type StepAction, type StepOutcome, type Visibility } from './instrument.events';

export const StepActionEnum = graphqlEnum(STEP_ACTIONS, 'StepAction');
export const StepOutcomeEnum = graphqlEnum(STEP_OUTCOMES, 'StepOutcome');
export const VisibilityEnum = graphqlEnum(VISIBILITIES, 'Visibility');

@InputType()
export class PathwayStepInput {
  @BodyField()
  body: Body;
  @EnumField(STEP_ACTIONS, StepActionEnum)
  action: StepAction;
  @FlagField({ optional: true, description: 'Decided alongside the previous step instead of after it.' })
  parallel?: boolean | null;
  @DateField({ optional: true, allowFuture: true, description: 'The date the step is due by, if it has a deadline.' })
  dueDate?: string | null;
  @CountField({ optional: true, description: 'Or: due this many days after the step became awaited (1 to 3650).' })
  @Min(1)
  @Max(3650)
  dueWithinDays?: number | null;
}

@InputType('DueAfterInput', { description: 'A deadline a number of days after an act of an instrument: the approval of one of its steps, or its adoption.' })
export class DueAfterInput {
  @IdField({ description: 'The instrument whose act the deadline counts from, e.g. "algiers-agreement-2015".' })
  instrumentId: string;
  @BodyField({ optional: true, description: "The step's body (with `action`); omit both for the instrument's adoption." })
  body?: Body | null;
  @EnumField(STEP_ACTIONS, StepActionEnum, { optional: true })
  action?: StepAction | null;
  @CountField({ description: 'Days after the act, 0 to 3650.' })
  @Max(3650)
  days: number;
}

/** An optional deadline after an instrument's act, on a commitment's or a condition's input. */
export const DueAfterField = (description: string) =>
  applyDecorators(
    Field(() => DueAfterInput, { nullable: true, description }),
    IsOptional(),
    ValidateNested(),
    Type(() => DueAfterInput),
  );

export const dueAfterFrom = (input: DueAfterInput | null | undefined): DueAfter | undefined =>
  input ? { instrumentId: input.instrumentId, body: input.body ?? null, action: input.action ?? null, days: input.days } : undefined;

/** What every act on an existing instrument carries. */
@InputType({ isAbstract: true })
export class InstrumentActInput extends SourcedInput {
  @CommandIdField()
  commandId?: string | null;
  @IdField({ description: 'Client-chosen, e.g. "decree-ranks-2019".' })
  instrumentId: string;
  @DateField({ description: 'When the act took effect.' })
  effectiveDate: string;
  @ExpectedRevisionField()
  expectedRevision?: number | null;
}

@InputType()
export class ProposeInstrumentInput extends SourcedInput {
  @CommandIdField()
  commandId?: string | null;
  @IdField({ description: 'Client-chosen, e.g. "decree-ranks-2019".' })
  instrumentId: string;
  @TextField({ max: 40, description: 'DECREE, PLAN, STRATEGY, ROADMAP, CRITERIA, QUOTA, AGREEMENT, ...' })
  kind: string;
  @TextField()
  title: string;
  @BodyField()
  leadBody: Body;
  @ListField(PathwayStepInput, { min: 1, max: 20 })
  pathway: PathwayStepInput[];
  @DateField()
  effectiveDate: string;
  @EnumField(VISIBILITIES, VisibilityEnum, {
    optional: true,
    description: 'Who may read it: PUBLIC (every body, the default), PATHWAY (its lead and the bodies on its pathway) or LEAD (its lead alone).',
  })
  visibility?: Visibility | null;
}

@InputType()
export class RecordStepDecisionInput extends InstrumentActInput {
  @BodyField({ description: 'The body whose step this is.' })
  body: Body;
  @EnumField(STEP_ACTIONS, StepActionEnum)
  action: StepAction;
  @EnumField(STEP_OUTCOMES, StepOutcomeEnum)
  outcome: StepOutcome;
  @TextField({ optional: true, max: 40, description: 'The session decided at, e.g. "CTS-41".' })
  @Matches(MEETING_REFERENCE, { message: 'meeting must read <BODY>-<number>, e.g. CTS-41' })
  meeting?: string | null;
}

@InputType()
export class AmendInstrumentInput extends InstrumentActInput {
  @TextField()
  title: string;
  @TextField({ max: 2000, description: 'What changed and why.' })
  summary: string;
  @ListField(PathwayStepInput, { min: 1, max: 20, description: 'The whole pathway, starting with the steps already approved.' })
  pathway: PathwayStepInput[];
}

@InputType()
export class RecordMilestoneInput extends InstrumentActInput {
  @TextField()
  milestone: string;
  @CountField({ optional: true })
  count?: number | null;
  @TextField({ optional: true, max: 100 })
  place?: string | null;
}

@InputType()
export class InstrumentReasonInput extends InstrumentActInput {
  @TextField({ max: 2000 })
  reason: string;
}

@InputType()
export class SupersedeInstrumentInput extends InstrumentActInput {
  @IdField({ description: 'The instrument that replaces this one; it must exist.' })
  supersededBy: string;
}

@InputType()
export class TablePositionInput extends InstrumentActInput {
  @TextField({ max: 200, description: 'Who states the position, e.g. "FAMa", "Signatory movements".' })
  party: string;
  @TextField({ max: 2000 })
  statement: string;
  @CountField({ optional: true })
  figure?: number | null;
}

@InputType()
export class CorrectInstrumentActInput extends CorrectionInput {
  @IdField({ description: 'The instrument whose act is corrected.' })
  instrumentId: string;
}

@InputType()
export class RecordFindingInput extends InstrumentActInput {
  @BodyField({ description: "Who found it, e.g. INDEPENDENT_OBSERVER; an outside actor's finding is recorded by the lead body with a source." })
  body: Body;
  @TextField({ max: 4000 })
  finding: string;
}

@InputType()
export class GiveOfficialReferenceInput extends InstrumentActInput {
  @TextField({ max: 200, description: "The reference it was enacted under, e.g. a decree's number." })
  reference: string;
}

@InputType()
export class ChangeVisibilityInput extends InstrumentActInput {
  @EnumField(VISIBILITIES, VisibilityEnum, { description: 'PUBLIC, PATHWAY (its lead and the bodies on its pathway) or LEAD (its lead alone).' })
  visibility: Visibility;
  @TextField({ max: 2000, description: 'Why, e.g. "quota positions under negotiation".' })
  reason: string;
}
