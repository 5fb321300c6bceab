import type { Body, CalendarDate } from '@ddr/kernel';
import type { ProvisionDefined } from './provision.events';

export type ProvisionCommand = { type: 'DefineProvision'; by: Body; effectiveDate: CalendarDate } & Omit<ProvisionDefined['data'], 'effectiveDate'>;
