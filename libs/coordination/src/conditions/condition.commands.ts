import type { Body, CalendarDate } from '@ddr/kernel';
import type { ConditionSet } from './condition.events';

export type ConditionCommand =
  | ({ type: 'SetCondition'; by: Body; effectiveDate: CalendarDate } & Omit<ConditionSet['data'], 'body' | 'effectiveDate'>)
  | { type: 'WithdrawCondition'; by: Body; conditionId: string; reason: string; sourceRef: string | null; effectiveDate: CalendarDate };
