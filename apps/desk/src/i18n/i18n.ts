import { signal } from '../lib/signal';
import en from './en.json';
import fr from './fr.json';
import { LANGUAGES, formatDate, formatNumber, type Language } from './format';

export type MessageKey = keyof typeof fr;
const CATALOGUES: Record<Language, Record<MessageKey, string>> = { fr, en };
const STORED = 'desk.language';

function remembered(): Language {
  const stored = localStorage.getItem(STORED);
  return (LANGUAGES as readonly string[]).includes(stored ?? '') ? (stored as Language) : 'fr';
}

/** The reader's language: French unless they chose English, remembered on this device. */
export const language = signal<Language>(remembered());

export function setLanguage(next: Language): void {
  localStorage.setItem(STORED, next);
  document.documentElement.lang = next;
  language.set(next);
}

/** A message in the reader's language, `{name}` filled from params. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = CATALOGUES[language.get()][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    return typeof value === 'number' ? formatNumber(language.get(), value) : (value ?? `{${name}}`);
  });
}

/** A key of the catalogue made from an enum value (`body.SCDS`, `outcome.APPROVED`); the value itself when unknown. */
export function tEnum(prefix: string, value: string | null | undefined): string {
  if (!value) return '';
  const key = `${prefix}.${value}` as MessageKey;
  return key in CATALOGUES[language.get()] ? t(key) : value;
}

/** A calendar date in the reader's language; `precision` (a source's `datePrecision`): known to the day, month or year. */
export const date = (iso: string | null | undefined, precision?: string): string => (iso ? formatDate(language.get(), iso, precision) : '');
/** The date with the word a sentence gives it: `le 25 septembre 2019`, `en juillet 2016`, `en 2015` (`on`, `in`, `in`). */
export const onDate = (iso: string, precision?: string): string =>
  precision === 'MONTH' || precision === 'YEAR' ? t('date.inPeriod', { date: date(iso, precision) }) : t('date.onDay', { date: date(iso) });
/** A deadline as the desk writes it: `échéance le 31 décembre 2019`, or `en retard : échéance le …` once passed. */
export const dueOn = (dueDate: string, overdue: boolean): string => t(overdue ? 'body.overdueSince' : 'body.dueOn', { date: date(dueDate) });
export const number = (value: number | null | undefined): string =>
  value === null || value === undefined ? t('figure.unreported') : formatNumber(language.get(), value);
