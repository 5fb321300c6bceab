import type { Condition, DueAfter } from '@ddr/coordination';
import { addDays, type CalendarDate } from '@ddr/kernel';
import type { InstrumentView } from './instrument-view';

/**
 * A deadline after an instrument's act ("within 30 days of signing"), read in a view of that instrument:
 * the act's date (the step's approval, or the adoption) and the due date counted from it, both null while
 * the act is not in the view. A corrected act date is in the refolded view, so the deadline moves with it.
 */
export function dueAfterAct(view: InstrumentView | null, dueAfter: DueAfter): { actOn: CalendarDate | null; dueDate: CalendarDate | null } {
  const step = dueAfter.body === null ? null : view?.pathway.find((s) => s.body === dueAfter.body && s.action === dueAfter.action && s.status === 'APPROVED');
  const actOn = (dueAfter.body === null ? view?.adoptedOn : step?.effectiveDate) ?? null;
  return { actOn, dueDate: actOn && addDays(actOn, dueAfter.days) };
}

/**
 * A condition's deadline: its own date, or, due after an instrument's act, counted from that act (none until the
 * act is in the view). A state stored before deadlines has neither field: no deadline.
 */
export function conditionDeadline(
  condition: Pick<Condition, 'dueDate' | 'dueAfter'>,
  instrumentOf: (id: string) => InstrumentView | null,
): { actOn: CalendarDate | null; dueDate: CalendarDate | null } {
  return condition.dueAfter
    ? dueAfterAct(instrumentOf(condition.dueAfter.instrumentId), condition.dueAfter)
    : { actOn: null, dueDate: condition.dueDate ?? null };
}
