import type { Body, CalendarDate } from '@ddr/kernel';
import type { Theme } from '../assessments/theme.state';

export interface Commitment {
  id: string;
  body: Body;
  description: string;
  theme: Theme;
  dueDate: CalendarDate;
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
