import type { LogPosition, StoredEvent } from './in-memory-log';
import { Empty, ReadResp, StreamIdentifier, UUID } from './protocol';

/** The response fields the client reads for one event (see its convertGrpcEvent). */
export function eventMessage(event: StoredEvent, options: { structuredIds: boolean; fromAll: boolean }): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(uuidMessage(event.id, options.structuredIds));
  recorded.setStreamIdentifier(streamIdentifier(event.stream));
  recorded.setStreamRevision(String(event.revision));
  recorded.setCommitPosition(String(event.commit));
  recorded.setPreparePosition(String(event.prepare));
  const metadata = recorded.getMetadataMap();
  metadata.set('type', event.type);
  metadata.set('content-type', event.contentType);
  metadata.set('created', String(event.createdTicks));
  recorded.setData(event.data);
  recorded.setCustomMetadata(event.customMetadata);
  const read = new ReadResp.ReadEvent();
  read.setEvent(recorded);
  // The server gives the $all position of what it read from $all; a stream read has none.
  if (options.fromAll) read.setCommitPosition(String(event.commit));
  else read.setNoPosition(new Empty());
  const response = new ReadResp();
  response.setEvent(read);
  return response;
}

export function streamNotFoundMessage(stream: string): ReadResp {
  const notFound = new ReadResp.StreamNotFound();
  notFound.setStreamIdentifier(streamIdentifier(stream));
  const response = new ReadResp();
  response.setStreamNotFound(notFound);
  return response;
}

export function confirmationMessage(subscriptionId: string): ReadResp {
  const confirmation = new ReadResp.SubscriptionConfirmation();
  confirmation.setSubscriptionId(subscriptionId);
  const response = new ReadResp();
  response.setConfirmation(confirmation);
  return response;
}

export function caughtUpMessage(): ReadResp {
  const response = new ReadResp();
  response.setCaughtUp(new ReadResp.CaughtUp());
  return response;
}

export function checkpointMessage(position: LogPosition): ReadResp {
  const checkpoint = new ReadResp.Checkpoint();
  checkpoint.setCommitPosition(String(position.commit));
  checkpoint.setPreparePosition(String(position.prepare));
  const response = new ReadResp();
  response.setCheckpoint(checkpoint);
  return response;
}

export function streamIdentifier(stream: string): StreamIdentifier {
  const identifier = new StreamIdentifier();
  identifier.setStreamName(Uint8Array.from(Buffer.from(stream, 'utf8')));
  return identifier;
}

export function streamName(identifier: StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

/** The id as text, or as the two signed 64-bit halves that the structured form carries. */
function uuidMessage(id: string, structured: boolean): UUID {
  const uuid = new UUID();
  if (!structured) {
    uuid.setString(id);
    return uuid;
  }
  const hex = id.replace(/-/g, '');
  const halves = new UUID.Structured();
  halves.setMostSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`)).toString());
  halves.setLeastSignificantBits(BigInt.asIntN(64, BigInt(`0x${hex.slice(16)}`)).toString());
  uuid.setStructured(halves);
  return uuid;
}

/** The id a client proposed, in the lower-case text form the server prints. */
export function parseUuid(uuid: UUID | undefined): string | undefined {
  if (!uuid) return undefined;
  if (uuid.hasString()) return uuid.getString().toLowerCase();
  const halves = uuid.getStructured();
  if (!halves) return undefined;
  const most = BigInt.asUintN(64, BigInt(halves.getMostSignificantBits())).toString(16).padStart(16, '0');
  const least = BigInt.asUintN(64, BigInt(halves.getLeastSignificantBits())).toString(16).padStart(16, '0');
  const hex = most + least;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
