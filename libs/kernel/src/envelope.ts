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
  /** The token's subject, or the writing service (`access-log`, `ledger`, `witness-cts`). */
  actor: string;
  /** Null for what no body decided: the access log's counts, the ledger's checkpoints. */
  body: Body | null;
  role: Role | null;
  commandId: string;
  correlationId: string;
  causationId: string;
  /** ISO instant at which the secretariat entered the fact. */
  recordedAt: string;
  effectiveDate: CalendarDate;
  schemaVersion: number;
}

/** What a writer knows of one event; the rest of the envelope follows from it. */
export interface EnvelopeFields {
  actor: string;
  body: Body | null;
  role: Role | null;
  commandId: string;
  correlationId?: string;
  causationId?: string;
  recordedAt: string;
  /** When the fact took effect; the day it was recorded when the writer records its own act. */
  effectiveDate?: CalendarDate;
  schemaVersion?: number;
}

/**
 * The one place an envelope is built, for commands, the access log and the ledger alike: a command
 * that starts a conversation is its own correlation and cause.
 */
export const envelope = (fields: EnvelopeFields): UnchainedMetadata => ({
  actor: fields.actor,
  body: fields.body,
  role: fields.role,
  commandId: fields.commandId,
  correlationId: fields.correlationId ?? fields.commandId,
  causationId: fields.causationId ?? fields.commandId,
  recordedAt: fields.recordedAt,
  effectiveDate: fields.effectiveDate ?? fields.recordedAt.slice(0, 10),
  schemaVersion: fields.schemaVersion ?? 1,
});

/** The envelope every stored event carries beside its data. */
export interface EventMetadata extends UnchainedMetadata {
  /** Leaf hash (base64) of the stream's previous event, null at revision 0 (see @ddr/ledger's chain). */
  previousHash: string | null;
}
