import type { Body, CalendarDate, Source } from '@ddr/kernel';
import type { Theme } from '../assessments/theme.state';
import type { DueAfter } from '../instruments/instrument.events';
import type { Requirement } from './condition.events';

export interface Condition {
  id: string;
  body: Body;
  title: string;
  subject: string;
  theme: Theme;
  requires: Requirement[];
  /** Recommended by its source rather than decided by `body`, which recorded it. */
  recommendation: boolean;
  source: Source;
  setOn: CalendarDate;
  /** When it must be met by: a date, or days after an instrument's act (readers resolve it as of the date asked). */
  dueDate: CalendarDate | null;
  dueAfter: DueAfter | null;
  withdrawnOn: CalendarDate | null;
}
