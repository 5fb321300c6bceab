import type { Body, DomainEvent, Source } from '@ddr/kernel';

/** `CTS-41`: the body's code and the session's number. */
export const MEETING_REFERENCE = /^([A-Z_]+)-([1-9]\d{0,5})$/;

export type MeetingHeld = DomainEvent<
  'MeetingHeld',
  { body: Body; number: number; meeting: string; title: string | null; establishedBy: 'RECORD' | 'CITATION'; source: Source }
>;

export const MEETINGS_STREAM_PREFIX = 'meetings-';
export const meetingStream = (body: Body) => `${MEETINGS_STREAM_PREFIX}${body}`;
export const meetingReference = (body: Body, number: number) => `${body}-${number}`;

/** Splits `CTS-41` into its body and number, or says why it is not a meeting reference. */
export function parseMeetingReference(reference: string): { body: string; number: number } | undefined {
  const match = MEETING_REFERENCE.exec(reference);
  return match ? { body: match[1], number: Number(match[2]) } : undefined;
}
