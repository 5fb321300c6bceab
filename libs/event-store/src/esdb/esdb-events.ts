import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  jsonEvent,
  type AppendExpectedRevision,
  type EventData,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import type { EventToAppend, ExpectedRevision, RecordedEvent } from '../event-store.port';
import { isJsonObject } from '@ddr/kernel';
import { encodePosition } from './esdb-position';

export function toEsdbExpected(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/** Ids go out in lower case, as the server prints them back, so a written id reads back unchanged. */
export function toEventData(event: EventToAppend): EventData {
  return jsonEvent({ id: event.id.toLowerCase(), type: event.type, data: event.data, metadata: event.metadata });
}

/** Our recorded event for one the server returned, with the namespace taken off the stream name. */
export function toRecorded(event: EsdbRecordedEvent, namespace: string): RecordedEvent {
  const where = `event ${event.id} of stream ${event.streamId}`;
  if (!event.isJson || !isJsonObject(event.data)) throw new Error(`${where} does not hold a JSON object`);
  const metadata = event.metadata ?? {};
  if (!isJsonObject(metadata)) throw new Error(`${where} has metadata that is not a JSON object`);
  if (!event.position) throw new Error(`${where} came without a log position (EventStoreDB 22.6 or later needed)`);
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata,
    streamId: event.streamId.slice(namespace.length),
    revision: Number(event.revision),
    position: encodePosition(event.position),
    // The client turns the server's `created` (.NET ticks since the Unix epoch) into a Date.
    committedAt: event.created.toISOString(),
  };
}
