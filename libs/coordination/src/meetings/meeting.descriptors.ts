import { describeCommand, sourceFrom } from '@ddr/desks';
import { meetingDecider } from './meeting.decider';
import { meetingStream } from './meeting.events';
import { RecordMeetingInput } from './meeting.inputs';

/** Every secretariat records its own body's sessions; the decider refuses another body's. */
export const recordMeeting = describeCommand({
  name: 'recordMeeting',
  description: 'A body records one of its numbered sessions.',
  issuedBy: 'EVERY_SECRETARIAT',
  input: RecordMeetingInput,
  example: (body, n) => ({ body, number: 100 + n, effectiveDate: '2019-09-25' }),
  decider: meetingDecider,
  stream: (i) => meetingStream(i.body),
  command: (i, by) => ({
    type: 'RecordMeeting' as const,
    by,
    body: i.body,
    number: i.number,
    effectiveDate: i.effectiveDate,
    title: i.title ?? null,
    source: sourceFrom(i),
  }),
});

export const MEETING_COMMANDS = [recordMeeting];
