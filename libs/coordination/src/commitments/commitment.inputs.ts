import { Field, InputType } from '@nestjs/graphql';
import type { Body } from '@ddr/kernel';
import { BodyField, CommandIdField, CorrectionInput, CountField, DateField, EnumField, IdField, SourcedInput, TextField } from '@ddr/desks';
import { Type } from 'class-transformer';
import { IsOptional, Max, ValidateNested } from 'class-validator';
import { STEP_ACTIONS, type StepAction } from '../instruments/instrument.events';
import { StepActionEnum } from '../instruments/instrument.inputs';

@InputType({ description: 'A deadline a number of days after an act of an instrument: the approval of one of its steps, or its adoption.' })
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

@InputType({ isAbstract: true })
export class CommitmentActInput extends SourcedInput {
  @CommandIdField()
  commandId?: string | null;
  @IdField()
  commitmentId: string;
  @DateField()
  effectiveDate: string;
}

@InputType()
export class MakeCommitmentInput extends CommitmentActInput {
  @BodyField({ description: 'The body that promises.' })
  body: Body;
  @TextField({ max: 2000 })
  description: string;
  @DateField({ allowFuture: true, description: 'When the promise falls due.' })
  dueDate: string;
  @IdField({ optional: true, description: 'The instrument the promise belongs to, if any.' })
  instrumentId?: string | null;
  @Field(() => DueAfterInput, {
    nullable: true,
    description: 'Due a number of days after an act ("within 30 days of signing"): then `dueDate` is the date expected until that act is known.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => DueAfterInput)
  dueAfter?: DueAfterInput | null;
}

@InputType()
export class FulfilCommitmentInput extends CommitmentActInput {
  @TextField({ optional: true, max: 2000 })
  note?: string | null;
}

@InputType()
export class NoteCommitmentProgressInput extends CommitmentActInput {
  @TextField({ max: 2000 })
  note: string;
}

@InputType()
export class CorrectCommitmentActInput extends CorrectionInput {
  @IdField({ description: 'The commitment whose act is corrected.' })
  commitmentId: string;
}
