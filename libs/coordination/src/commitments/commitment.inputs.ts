import { InputType } from '@nestjs/graphql';
import type { Body } from '@ddr/kernel';
import { BodyField, CommandIdField, CorrectionInput, DateField, IdField, SourcedInput, TextField } from '@ddr/desks';
import { ThemeField } from '../assessments/assessment.inputs';
import type { Theme } from '../assessments/theme.state';
import { DueAfterField, type DueAfterInput } from '../instruments/instrument.inputs';

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
  @ThemeField()
  theme?: Theme | null;
  @DueAfterField('Due a number of days after an act ("within 30 days of signing"): then `dueDate` is the date expected until that act is known.')
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
