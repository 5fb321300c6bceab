import { ACCESS_LOG_STREAM, ACCOUNTS_STREAM } from '@ddr/access';
import { MEETINGS_STREAM_PREFIX, instrumentStream, type PathwayStep } from '@ddr/coordination';
import type { RecordedEvent } from '@ddr/event-store';
import type { Actor, Body } from '@ddr/kernel';
import { findInstrument, mayReadStream, viewerOf, type ReadModelDb } from '@ddr/read-model';

const INSTRUMENT_PREFIX = instrumentStream('');

/**
 * Whether an event concerns a body: its secretariat recorded it, it is about
 * the body (a meeting, a commitment), or it is on an instrument whose pathway
 * or lead includes the body.
 */
export function concernsBody(event: RecordedEvent, body: Body, db: ReadModelDb): boolean {
  if (event.metadata.body === body || event.data.body === body) return true;
  if (event.streamId === `${MEETINGS_STREAM_PREFIX}${body}`) return true;
  if (!event.streamId.startsWith(INSTRUMENT_PREFIX)) return false;
  const pathway = event.data.pathway as PathwayStep[] | undefined;
  if (pathway?.some((step) => step.body === body) || event.data.leadBody === body) return true;
  const instrument = findInstrument(db, event.streamId.slice(INSTRUMENT_PREFIX.length));
  return !!instrument && (instrument.leadBody === body || instrument.pathway.some((step) => step.body === body));
}

/**
 * The access log is for auditors only; who holds which token, for auditors and operators; a restricted
 * instrument (and what hangs off it) for the bodies it is restricted to, by the read model's one rule.
 */
export function mayRead(actor: Actor, event: RecordedEvent, db: ReadModelDb): boolean {
  if (event.streamId === ACCESS_LOG_STREAM) return actor.role === 'AUDITOR';
  if (event.streamId === ACCOUNTS_STREAM) return actor.role === 'AUDITOR' || actor.role === 'OPERATOR';
  return mayReadStream(db, viewerOf(actor), event.streamId);
}
