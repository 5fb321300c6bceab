import type { Body, CalendarDate } from '@ddr/kernel';
import type { ImplementationGraded } from './assessment.events';

export type AssessmentCommand = { type: 'GradeImplementation'; by: Body; effectiveDate: CalendarDate } & Omit<ImplementationGraded['data'], 'effectiveDate'>;
