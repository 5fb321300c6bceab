import type { Body, CalendarDate, Source } from '@ddr/kernel';
import type { ConditionSet } from './condition.events';

export type ConditionCommand =
  | ({ type: 'SetCondition'; by: Body; effectiveDate: CalendarDate } & Omit<ConditionSet['data'], 'body' | 'effectiveDate'>)
  | { type: 'WithdrawCondition'; by: Body; conditionId: string; reason: string; source: Source; effectiveDate: CalendarDate };
