import type { Body, CalendarDate, Source } from '@ddr/kernel';

export type MeetingCommand =
  /** The secretariat records a session of its own body. */
  | { type: 'RecordMeeting'; by: Body; body: Body; number: number; effectiveDate: CalendarDate; title: string | null; source: Source }
  /** A decision cites a session: the first citation establishes it, later ones must agree on its date. */
  | { type: 'CiteMeeting'; body: Body; number: number; effectiveDate: CalendarDate; source: Source };
