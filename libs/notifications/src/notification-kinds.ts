import type { Body, CalendarDate, JsonObject } from '@ddr/kernel';

/**
 * What is worth telling a body, as the domain stands today. Each kind has a
 * Standard Webhooks `type` (dotted, as receivers route on it) and a GraphQL
 * name (what an endpoint subscribes to).
 */
export const NOTIFICATION_KINDS = {
  STEP_AWAITED: 'step.awaited',
  COMMITMENT_DEADLINE_NEAR: 'commitment.deadline_near',
  COMMITMENT_OVERDUE: 'commitment.overdue',
  CONDITION_MET: 'condition.met',
  CONDITION_UNMET: 'condition.unmet',
  CONDITION_DEADLINE_NEAR: 'condition.deadline_near',
  CONDITION_OVERDUE: 'condition.overdue',
  CHECKPOINT_SIGNED: 'checkpoint.signed',
  ACT_CORRECTED: 'act.corrected',
  STEP_DEADLINE_NEAR: 'step.deadline_near',
  STEP_OVERDUE: 'step.overdue',
  COMMITMENT_GRADED: 'commitment.graded',
  CONDITION_GRADED: 'condition.graded',
} as const;
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const KIND_NAMES = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];

/** One thing to tell one body. Its id is derived from what caused it, so telling it again yields the same id. */
export interface Notice {
  id: string;
  kind: NotificationKind;
  body: Body;
  /** The log position of the event that caused it; null for what the calendar caused (a deadline). */
  position: string | null;
  /** The day it happened in the domain: the act's effective date, or the day a deadline came near or passed. */
  effectiveDate: CalendarDate;
  /** One line, in English, for logs and listings; the digest has its own words. */
  summary: string;
  /** The desk page for it (the desk is served at `/`). */
  link: string;
  /** What the kind carries (see docs/notifications.md for the schema per kind). */
  details: JsonObject;
}

/** Paths into the desk, a single-page app served at `/`. */
export const deskLink = {
  instrument: (id: string) => `/#/instruments/${encodeURIComponent(id)}`,
  commitment: (id: string) => `/#/commitments/${encodeURIComponent(id)}`,
  condition: (id: string) => `/#/conditions/${encodeURIComponent(id)}`,
  programme: (code: string) => `/#/programmes/${encodeURIComponent(code)}`,
  checkpoint: (size: number) => `/#/ledger/checkpoints/${size}`,
};

/** The webhook payload of a notice, as Standard Webhooks shapes it: `type`, `timestamp`, `data`. */
export function webhookPayload(notice: Notice, timestamp: string): JsonObject {
  return {
    type: NOTIFICATION_KINDS[notice.kind],
    timestamp,
    data: {
      notificationId: notice.id,
      body: notice.body,
      summary: notice.summary,
      link: notice.link,
      position: notice.position,
      effectiveDate: notice.effectiveDate,
      ...notice.details,
    },
  };
}
