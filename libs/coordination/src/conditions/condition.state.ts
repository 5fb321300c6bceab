import type { Body, CalendarDate, Source } from '@ddr/kernel';
import type { Theme } from '../assessments/theme.state';
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
  withdrawnOn: CalendarDate | null;
}
