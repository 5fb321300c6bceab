import type { Body, CalendarDate } from '@ddr/kernel';
import type { MocCamp } from './moc-camp.events';

export type EstablishMocCamp = { type: 'EstablishMocCamp'; by: Body; camp: MocCamp; effectiveDate: CalendarDate; sourceRef: string | null };
