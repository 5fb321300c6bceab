import type { JsonObject } from './json';
import type { Body, Role } from './bodies';
import type { CalendarDate } from './calendar-date';

/** Who acted and on what authority: carried by every command, from the bearer token. */
export interface Actor {
  subject: string;
  body: Body;
  role: Role;
}

/** The envelope as a writer fills it; the ledger's hash chain adds `previousHash` when the events are appended. */
export interface UnchainedMetadata extends JsonObject {
  actor: string;
  body: Body;
  role: Role;
  commandId: string;
  correlationId: string;
  causationId: string;
  /** ISO instant at which the secretariat entered the fact. */
  recordedAt: string;
  effectiveDate: CalendarDate;
  schemaVersion: number;
}

/** The envelope every stored event carries beside its data. */
export interface EventMetadata extends UnchainedMetadata {
  /** Leaf hash (base64) of the stream's previous event, null at revision 0 (see @ddr/ledger's chain). */
  previousHash: string | null;
}
