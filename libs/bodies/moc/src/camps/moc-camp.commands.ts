import type { Body, CalendarDate, Source } from '@ddr/kernel';
import type { MocCamp } from './moc-camp.events';

export type EstablishMocCamp = { type: 'EstablishMocCamp'; by: Body; camp: MocCamp; effectiveDate: CalendarDate; source: Source };
export type RecordJointPatrol = {
  type: 'RecordJointPatrol';
  by: Body;
  camp: MocCamp;
  patrols: number | null;
  effectiveDate: CalendarDate;
  source: Source;
};
export type MocCampCommand = EstablishMocCamp | RecordJointPatrol;
