import type { Body, CalendarDate, Source } from '@ddr/kernel';
import type { CommitmentMade } from './commitment.events';

export type CommitmentCommand =
  | ({ type: 'MakeCommitment'; by: Body; effectiveDate: CalendarDate } & Omit<CommitmentMade['data'], 'recordedBy' | 'effectiveDate'>)
  | { type: 'FulfilCommitment'; by: Body; commitmentId: string; effectiveDate: CalendarDate; source: Source; note: string | null }
  | { type: 'NoteCommitmentProgress'; by: Body; commitmentId: string; effectiveDate: CalendarDate; source: Source; note: string };
