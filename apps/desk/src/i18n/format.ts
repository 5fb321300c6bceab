/** The languages of the desk; French first (the people in the brief work in French). */
export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const LOCALE: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

/** What of a date is written when it is known only to the month or the year (a source's `datePrecision`). */
const KNOWN: Record<string, Intl.DateTimeFormatOptions> = {
  DAY: { day: 'numeric', month: 'long', year: 'numeric' },
  MONTH: { month: 'long', year: 'numeric' },
  YEAR: { year: 'numeric' },
};

/**
 * `2019-09-25` as people write it: `25 septembre 2019`, `25 September 2019`. Calendar dates carry no time zone.
 * A date known only to the month or the year is stored as its first day and written as `juillet 2016` or `2015`:
 * `1 janvier 2015` would claim a day the source never gave.
 */
export function formatDate(language: Language, isoDate: string, precision = 'DAY'): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(LOCALE[language], { ...(KNOWN[precision] ?? KNOWN.DAY), timeZone: 'UTC' }).format(date);
}

/** An instant, to the minute, in the reader's own zone. */
export function formatInstant(language: Language, isoInstant: string): string {
  return new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'long', timeStyle: 'short' }).format(new Date(isoInstant));
}

/** `1006` as people write it: `1 006` (French, with a narrow no-break space), `1,006`. */
export function formatNumber(language: Language, value: number): string {
  return new Intl.NumberFormat(LOCALE[language]).format(value);
}

/** Whole days from one calendar date to another. */
export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso.slice(0, 10)}T00:00:00Z`) - Date.parse(`${fromIso.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}

/** Today's calendar date, in UTC like the server's. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
