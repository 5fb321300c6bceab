import type { Body, CalendarDate } from '@ddr/kernel';
import type { Requirement } from './condition.events';

export interface Condition {
  id: string;
  body: Body;
  title: string;
  subject: string;
  requires: Requirement[];
  setOn: CalendarDate;
  withdrawnOn: CalendarDate | null;
}
