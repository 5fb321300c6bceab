import type { Body, DomainEvent, Source } from '@ddr/kernel';

/** What can be graded: a body's commitment, a condition, a provision of the Agreement. */
export const GRADED_KINDS = ['COMMITMENT', 'CONDITION', 'PROVISION'] as const;
export type GradedKind = (typeof GRADED_KINDS)[number];

/** The Peace Accords Matrix's four levels of implementation. */
export const GRADES = [0, 1, 2, 3] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LEVELS = ['NOT_STARTED', 'MINIMAL', 'INTERMEDIATE', 'COMPLETE'] as const;
export type GradeLevel = (typeof GRADE_LEVELS)[number];

/**
 * An assessment of how far an item is implemented, on its effective date: by `assessor`, a coordinating body through
 * its own secretariat, or an outside actor (the Independent Observer) recorded by the CSA's with a source.
 */
export type ImplementationGraded = DomainEvent<
  'ImplementationGraded',
  { item: GradedKind; itemId: string; assessor: Body; grade: number; finding: string; source: Source }
>;
export type AssessmentEvent = ImplementationGraded;

/** One stream per graded item: its assessments, in the order recorded (`grades-commitment-registration-closes-2018`). */
export const GRADES_STREAMS = 'grades-';
export const gradesStream = (item: GradedKind, itemId: string) => `${GRADES_STREAMS}${item.toLowerCase()}-${itemId}`;
