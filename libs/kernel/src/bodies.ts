/** The bodies that run the DDR process and keep a secretariat desk in the system. */
export const COORDINATING_BODIES = ['CNDDR', 'INTEGRATION_COMMISSION', 'CSA', 'SCDS', 'CTS', 'MOC'] as const;
/**
 * Actors whose acts are recorded by the lead body's secretariat, always with a source reference: the State's
 * organs, the armed forces and MINUSMA, and the Agreement's parties (the Government of Mali, the CMA and the
 * Platform), its international mediation and its Independent Observer.
 */
export const OUTSIDE_ACTORS = [
  'COUNCIL_OF_MINISTERS',
  'PRESIDENCY',
  'FAMA',
  'MINUSMA',
  'GOVERNMENT_OF_MALI',
  'CMA',
  'PLATFORM',
  'INTERNATIONAL_MEDIATION',
  'INDEPENDENT_OBSERVER',
] as const;
export const BODIES = [...COORDINATING_BODIES, ...OUTSIDE_ACTORS] as const;

export type CoordinatingBody = (typeof COORDINATING_BODIES)[number];
export type OutsideActor = (typeof OUTSIDE_ACTORS)[number];
export type Body = (typeof BODIES)[number];

/** OPERATOR keeps people's tokens: it issues, lists and revokes them, and records no act of any body. */
export const ROLES = ['SECRETARIAT', 'LIAISON', 'AUDITOR', 'OPERATOR'] as const;
export type Role = (typeof ROLES)[number];

export const isBody = (value: unknown): value is Body => (BODIES as readonly unknown[]).includes(value);
export const isCoordinatingBody = (value: unknown): value is CoordinatingBody => (COORDINATING_BODIES as readonly unknown[]).includes(value);
export const isOutsideActor = (value: unknown): value is OutsideActor => (OUTSIDE_ACTORS as readonly unknown[]).includes(value);
export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);
