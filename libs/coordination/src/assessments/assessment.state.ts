import type { Body, CalendarDate, Source } from '@ddr/kernel';
import type { GradedKind } from './assessment.events';

export interface Assessment {
  assessor: Body;
  grade: number;
  finding: string;
  effectiveDate: CalendarDate;
  source: Source;
}

/** An item's assessments in effective-date order: the last is its grade now. */
export interface Assessments {
  item: GradedKind;
  itemId: string;
  history: Assessment[];
}
