/** The languages of the desk; French first (the people in the brief work in French). */
export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const LOCALE: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

/** `2019-09-25` as people write it: `25 septembre 2019`, `25 September 2019`. Calendar dates carry no time zone. */
export function formatDate(language: Language, isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(LOCALE[language], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
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
