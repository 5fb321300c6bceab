import type { Body, Role } from '@ddr/kernel';

/**
 * Who is reading: every query of the read model that can return a restricted item takes one. Auditors and
 * operators read everything; anyone else reads what is public and what is restricted to their body.
 */
export interface Viewer {
  body: Body | null;
  everything: boolean;
}

export const viewerOf = ({ role, body }: { role: Role; body: Body }): Viewer => ({ body, everything: role === 'AUDITOR' || role === 'OPERATOR' });

/** The server's own readers (projections, the notifier's bookkeeping), never a caller's answer. */
export const EVERYTHING: Viewer = { body: null, everything: true };
