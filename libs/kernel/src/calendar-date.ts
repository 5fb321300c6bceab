/** An ISO calendar date, `2019-10-09`: the day a body decided, not when it was typed in. */
export type CalendarDate = string;

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real day of the Gregorian calendar in ISO form (no 2019-02-30). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const match = SHAPE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The calendar date of an instant, in UTC (Mali keeps UTC all year). */
export const calendarDateOf = (instant: Date): CalendarDate => instant.toISOString().slice(0, 10);

const DAY_MS = 86_400_000;
const dayNumber = (date: CalendarDate) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** Whole days from one date to a later one (negative when `to` is earlier): how long something waited. */
export const daysBetween = (from: CalendarDate, to: CalendarDate): number => Math.round(dayNumber(to) - dayNumber(from));

/** The date `days` after `date`: a deadline set as "within 30 days of". */
export const addDays = (date: CalendarDate, days: number): CalendarDate => calendarDateOf(new Date((dayNumber(date) + days) * DAY_MS));

/** The months from the one holding `from` to the one holding `to`, as YYYY-MM. */
export function monthsFrom(from: CalendarDate, to: CalendarDate): string[] {
  const months: string[] = [];
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = monthAfter(month).slice(0, 7)) months.push(month);
  return months;
}

/** The first day of the month after the one holding `date` (a date, or a month as YYYY-MM). */
export function monthAfter(date: string): CalendarDate {
  const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  const [y, m] = month === 12 ? [year + 1, 1] : [year, month + 1];
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`;
}
