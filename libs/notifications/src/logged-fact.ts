import { createHash } from 'node:crypto';
import type { Body, CalendarDate, JsonObject } from '@ddr/kernel';

/** One event of the log as the watch reads it: its data already in the current shape. */
export interface LoggedFact {
  id: string;
  type: string;
  streamId: string;
  position: string;
  data: JsonObject;
  effectiveDate: CalendarDate;
  /** The body whose secretariat recorded it (the event's metadata). */
  recordedBy?: Body | null;
}

/** A deterministic id: telling the same thing twice (a replay, a restart) gives the same notice. */
export const noticeId = (...parts: string[]): string => createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 32);
