import { reject, type Decider, type Decision } from '@ddr/kernel';
import type { MeetingCommand } from './meeting.commands';
import { meetingReference, type MeetingHeld } from './meeting.events';
import { emptyRegister, heldMeeting, withMeeting, type MeetingRegister } from './meeting.state';

export function decideMeeting(command: MeetingCommand, register: MeetingRegister): Decision<MeetingHeld> {
  const { body, number, effectiveDate, source } = command;
  const meeting = meetingReference(body, number);
  const held = heldMeeting(register, meeting);
  if (command.type === 'RecordMeeting') {
    if (command.by !== body) return reject('FORBIDDEN', `only the ${body} secretariat records ${body} meetings`);
    if (held) return reject('CONFLICT', `${meeting} is already recorded, held on ${held.effectiveDate}; a meeting number cannot be reused`);
  } else if (held) {
    return held.effectiveDate === effectiveDate ? [] : reject('BAD_USER_INPUT', `${meeting} was held on ${held.effectiveDate}, not ${effectiveDate}`);
  }
  const title = command.type === 'RecordMeeting' ? command.title : null;
  const establishedBy = command.type === 'RecordMeeting' ? 'RECORD' : 'CITATION';
  return [{ type: 'MeetingHeld', data: { body, number, meeting, title, establishedBy, effectiveDate, source } }];
}

export const meetingDecider: Decider<MeetingCommand, MeetingHeld, MeetingRegister> = {
  version: 'meetings@2',
  initialState: emptyRegister,
  decide: decideMeeting,
  evolve: (register, { data }) => withMeeting(register, data.meeting, { effectiveDate: data.effectiveDate, title: data.title }),
};
