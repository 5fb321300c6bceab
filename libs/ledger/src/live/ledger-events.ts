import { randomUUID } from 'node:crypto';
import type { EventToAppend, JsonObject, RecordedEvent } from '@ddr/event-store';
import { envelope, type Body } from '@ddr/kernel';
import { decodeBase64, encodeBase64 } from '../base64';
import type { SignedCheckpoint } from '../checkpoint';
import { isTreeSize } from '../sizes';
import { MalformedLedgerEventError } from './errors';

/**
 * The ledger's own events. Checkpoints and co-signatures are recorded in the
 * log they describe, so they travel with it (export, import, EventStoreDB)
 * and are themselves covered by later checkpoints.
 */
export const LEDGER_STREAM_PREFIX = 'ledger-';
export const CHECKPOINT_STREAM = 'ledger-checkpoints';
export const WITNESS_STREAM_PREFIX = 'ledger-witness-';
/** One stream per witnessing body: its co-signatures, in order, each appended against the one before. */
export const witnessStream = (body: string) => `${WITNESS_STREAM_PREFIX}${body}`;

export const CHECKPOINT_SIGNED = 'CheckpointSigned';
export const WITNESS_COSIGNED = 'WitnessCosigned';

/** A signed checkpoint as the log holds it. */
export interface RecordedCheckpoint {
  checkpoint: SignedCheckpoint;
  /** The signer's public key, SPKI PEM. */
  publicKey: string;
  position: string;
  revision: number;
  recordedAt: string;
}

/** A body's co-signature of a checkpoint, as the log holds it. */
export interface RecordedCosignature {
  body: string;
  checkpoint: SignedCheckpoint;
  /** The witness's public key, SPKI PEM. */
  publicKey: string;
  position: string;
  revision: number;
  recordedAt: string;
}

/** The data of a CheckpointSigned or WitnessCosigned event. */
function signedData(checkpoint: SignedCheckpoint, publicKey: string): JsonObject {
  return {
    origin: checkpoint.origin,
    size: checkpoint.size,
    root: encodeBase64(checkpoint.root),
    signature: encodeBase64(checkpoint.signature),
    publicKey,
  };
}

export function checkpointSignedEvent(checkpoint: SignedCheckpoint, publicKey: string, now: Date): EventToAppend {
  return { id: randomUUID(), type: CHECKPOINT_SIGNED, data: signedData(checkpoint, publicKey), metadata: ledgerMetadata('ledger', null, now) };
}

export function witnessCosignedEvent(body: Body, cosigned: SignedCheckpoint, publicKey: string, now: Date): EventToAppend {
  return {
    id: randomUUID(),
    type: WITNESS_COSIGNED,
    data: { body, ...signedData(cosigned, publicKey) },
    metadata: ledgerMetadata(`witness-${body.toLowerCase()}`, body, now),
  };
}

/** The ledger writes its own acts: no body decided them, and they take effect when recorded. */
const ledgerMetadata = (actor: string, body: Body | null, now: Date) =>
  envelope({ actor, body, role: null, commandId: randomUUID(), recordedAt: now.toISOString() });

export function readCheckpointEvent(event: RecordedEvent): RecordedCheckpoint {
  return { ...readSigned(event), position: event.position, revision: event.revision, recordedAt: recordedAt(event) };
}

export function readCosignatureEvent(event: RecordedEvent): RecordedCosignature {
  const body = event.data.body;
  if (typeof body !== 'string') throw malformed(event, 'body');
  return { body, ...readSigned(event), position: event.position, revision: event.revision, recordedAt: recordedAt(event) };
}

function readSigned(event: RecordedEvent): { checkpoint: SignedCheckpoint; publicKey: string } {
  const { origin, size, root, signature, publicKey } = event.data;
  if (typeof origin !== 'string') throw malformed(event, 'origin');
  if (!isTreeSize(size)) throw malformed(event, 'size');
  const rootBytes = decodeBase64(root);
  if (!rootBytes) throw malformed(event, 'root');
  const signatureBytes = decodeBase64(signature);
  if (!signatureBytes) throw malformed(event, 'signature');
  if (typeof publicKey !== 'string') throw malformed(event, 'publicKey');
  return { checkpoint: { origin, size, root: rootBytes, signature: signatureBytes }, publicKey };
}

const recordedAt = (event: RecordedEvent) => (typeof event.metadata.recordedAt === 'string' ? event.metadata.recordedAt : event.committedAt);

function malformed(event: RecordedEvent, field: string): MalformedLedgerEventError {
  return new MalformedLedgerEventError(`${event.type} at position ${event.position} has no valid ${field}`);
}
