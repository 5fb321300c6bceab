/** How exactly a recorded date is known: "2015" is stored as 2015-01-01 with precision YEAR, never read as that day. */
export const DATE_PRECISIONS = ['DAY', 'MONTH', 'YEAR'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** Where a fact comes from and how sure it is: every act carries one. */
export interface Source {
  /** A citation: a meeting's minutes, a decree, a page of the brief. */
  ref: string | null;
  note: string | null;
  datePrecision: DatePrecision;
  /** The recorder inferred this fact (a date, a figure, an actor) rather than read it in the source. */
  assumption: boolean;
}

export const sourceOf = (ref: string | null, extra: Partial<Omit<Source, 'ref'>> = {}): Source => ({
  ref,
  note: extra.note ?? null,
  datePrecision: extra.datePrecision ?? 'DAY',
  assumption: extra.assumption ?? false,
});
