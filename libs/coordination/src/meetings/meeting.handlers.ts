import { InputType } from '@nestjs/graphql';
import { Max, Min } from 'class-validator';
import type { Body } from '@ddr/kernel';
import { BodyField, CommandIdField, CountField, DateField, TextField, deciderHandler, deskCommand } from '@ddr/desks';
import { meetingDecider, meetingStream } from './meeting.decider';

@InputType()
export class RecordMeetingInput {
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

export const RecordMeetingCommand = deskCommand<RecordMeetingInput>('RecordMeeting');

export const MEETING_HANDLERS = [
  deciderHandler(RecordMeetingCommand, {
    input: RecordMeetingInput,
    decider: meetingDecider,
    stream: (i) => meetingStream(i.body),
    command: (i, by) => ({ type: 'RecordMeeting' as const, by, body: i.body, number: i.number, effectiveDate: i.effectiveDate, title: i.title ?? null }),
  }),
];
