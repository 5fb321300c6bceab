import { reject, type Body, type CalendarDate, type Decider, type Decision, type DomainEvent } from '@ddr/kernel';

/** `CTS-41`: the body's code and the session's number. */
export const MEETING_REFERENCE = /^([A-Z_]+)-([1-9]\d{0,5})$/;

export type MeetingHeld = DomainEvent<
  'MeetingHeld',
  { body: Body; number: number; meeting: string; title: string | null; establishedBy: 'RECORD' | 'CITATION' }
>;

/** A body's register of its sessions: one date per number, forever. */
export type MeetingRegister = Record<string, { effectiveDate: CalendarDate; title: string | null }>;

export type MeetingCommand =
  /** The secretariat records a session of its own body. */
  | { type: 'RecordMeeting'; by: Body; body: Body; number: number; effectiveDate: CalendarDate; title: string | null }
  /** A decision cites a session: the first citation establishes it, later ones must agree on its date. */
  | { type: 'CiteMeeting'; body: Body; number: number; effectiveDate: CalendarDate };

export const MEETINGS_STREAM_PREFIX = 'meetings-';
export const meetingStream = (body: Body) => `${MEETINGS_STREAM_PREFIX}${body}`;
export const meetingReference = (body: Body, number: number) => `${body}-${number}`;

export function decideMeeting(command: MeetingCommand, register: MeetingRegister): Decision<MeetingHeld> {
  const { body, number, effectiveDate } = command;
  const meeting = meetingReference(body, number);
  const held = register[meeting];
  if (command.type === 'RecordMeeting') {
    if (command.by !== body) return reject('FORBIDDEN', `only the ${body} secretariat records ${body} meetings`);
    if (held) return reject('CONFLICT', `${meeting} is already recorded, held on ${held.effectiveDate}; a meeting number cannot be reused`);
  } else if (held) {
    return held.effectiveDate === effectiveDate
      ? []
      : reject('BAD_USER_INPUT', `${meeting} was held on ${held.effectiveDate}, not ${effectiveDate}`);
  }
  const title = command.type === 'RecordMeeting' ? command.title : null;
  const establishedBy = command.type === 'RecordMeeting' ? 'RECORD' : 'CITATION';
  return [{ type: 'MeetingHeld', data: { body, number, meeting, title, establishedBy, effectiveDate } }];
}

export const meetingDecider: Decider<MeetingCommand, MeetingHeld, MeetingRegister> = {
  initialState: () => ({}),
  decide: decideMeeting,
  evolve: (register, { data }) => ({ ...register, [data.meeting]: { effectiveDate: data.effectiveDate, title: data.title } }),
};

/** Splits `CTS-41` into its body and number, or says why it is not a meeting reference. */
export function parseMeetingReference(reference: string): { body: string; number: number } | undefined {
  const match = MEETING_REFERENCE.exec(reference);
  return match ? { body: match[1], number: Number(match[2]) } : undefined;
}
