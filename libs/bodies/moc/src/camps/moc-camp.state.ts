import type { CalendarDate } from '@ddr/kernel';
import type { MocCamp } from './moc-camp.events';

export type MocCamps = Partial<Record<MocCamp, CalendarDate>>;
