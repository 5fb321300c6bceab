import { InputType } from '@nestjs/graphql';
import { Max, Min } from 'class-validator';
import type { Body } from '@ddr/kernel';
import { BodyField, CommandIdField, CountField, DateField, SourcedInput, TextField } from '@ddr/desks';

@InputType()
export class RecordMeetingInput extends SourcedInput {
  @CommandIdField()
  commandId?: string | null;
  @BodyField()
  body: Body;
  @CountField({ description: 'The session number: 41 for CTS-41.' })
  @Min(1)
  @Max(999_999)
  number: number;
  @DateField()
  effectiveDate: string;
  @TextField({ optional: true })
  title?: string | null;
}
