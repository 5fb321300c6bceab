import { isOutsideActor, type Body } from './bodies';
import { reject, type Rejection } from './decider';
import type { JsonObject } from './json';
import type { Upcaster } from './upcasters';

/** How exactly a recorded date is known: "2015" is stored as 2015-01-01 with precision YEAR, never read as that day. */
export const DATE_PRECISIONS = ['DAY', 'MONTH', 'YEAR'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** Where a fact comes from and how sure it is: every act carries one. A type, not an interface, so that it is JSON. */
export type Source = {
  /** A citation: a meeting's minutes, a decree, a page of the brief. */
  ref: string | null;
  note: string | null;
  datePrecision: DatePrecision;
  /** The recorder inferred this fact (a date, a figure, an actor) rather than read it in the source. */
  assumption: boolean;
};

export const sourceOf = (ref: string | null, extra: Partial<Omit<Source, 'ref'>> = {}): Source => ({
  ref,
  note: extra.note ?? null,
  datePrecision: extra.datePrecision ?? 'DAY',
  assumption: extra.assumption ?? false,
});

/** An act recorded without a reference: its date exact, not an assumption. */
export const NO_SOURCE: Source = sourceOf(null);

/**
 * Who may record an act of `actor`: an outside actor's act is recorded by the secretariat of `recorder` (the body
 * leading what it concerns) and must cite a source; a coordinating body's act, by its own secretariat only.
 */
export function recordingProblem(actor: Body, by: Body, recorder: Body, source: Source, what: string): Rejection | undefined {
  if (isOutsideActor(actor)) {
    if (by !== recorder) return reject('FORBIDDEN', `${actor} acts are recorded by the ${recorder} secretariat, which leads ${what}`);
    return source.ref ? undefined : reject('BAD_USER_INPUT', `an act of ${actor} must cite a source reference`);
  }
  return by === actor ? undefined : reject('FORBIDDEN', `the ${by} secretariat cannot record an act of ${actor} on ${what}`);
}

/**
 * Lifts an event written before sources (schema version 1, with `sourceRef` or no source at all) to version 2: a
 * `source` citing that reference, its date taken as exact and not an assumption, as version 1 read it. `defaults`
 * fill fields version 2 added beside it.
 */
export const sourceRefUpcaster = (type: string, defaults: JsonObject = {}): Upcaster => ({
  type,
  fromVersion: 1,
  upcast: ({ sourceRef, ...data }) => ({
    ...defaults,
    ...data,
    source: data.source ?? { ref: typeof sourceRef === 'string' ? sourceRef : null, note: null, datePrecision: 'DAY', assumption: false },
  }),
});
