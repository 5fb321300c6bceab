import type { Body, CalendarDate } from '@ddr/kernel';
import type { Theme } from '../assessments/theme.state';
import type { DueAfter } from '../instruments/instrument.events';

export interface Commitment {
  id: string;
  body: Body;
  description: string;
  theme: Theme;
  dueDate: CalendarDate;
  /** A deadline relative to an instrument's act; readers resolve `dueDate` from it once the act is known. */
  dueAfter: DueAfter | null;
  madeOn: CalendarDate;
  recordedBy: Body;
  instrumentId: string | null;
  fulfilledOn: CalendarDate | null;
  lastNote: string | null;
}

export type CommitmentStatus = 'OPEN' | 'FULFILLED' | 'OVERDUE';

/** Derived, never stored: a commitment is overdue once its due date has passed unfulfilled. */
export function commitmentStatus(commitment: Commitment, on: CalendarDate): CommitmentStatus {
  if (commitment.fulfilledOn !== null && commitment.fulfilledOn <= on) return 'FULFILLED';
  return commitment.dueDate < on ? 'OVERDUE' : 'OPEN';
}
