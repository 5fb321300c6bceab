import { randomUUID } from 'node:crypto';
import type { EventToAppend, JsonObject, RecordedEvent } from '@ddr/event-store';
import { envelope, type Body } from '@ddr/kernel';
import { decodeBase64, encodeBase64 } from '../base64';
import { verifyCheckpoint, type SignedCheckpoint } from '../checkpoint';
import { verifyKeyRotation, type SignedKeyRotation } from '../key-rotation';
import { isTreeSize } from '../sizes';
import { LedgerInputError, MalformedLedgerEventError } from './errors';
import { parsePublicKey } from './keys';

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
/** In the checkpoint stream: the outgoing key hands checkpoint signing over to the next one. */
export const CHECKPOINT_KEY_ROTATED = 'CheckpointKeyRotated';

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

/** A key rotation as the log holds it: signed by the outgoing key, with the operator's reason. */
export interface RecordedKeyRotation {
  rotation: SignedKeyRotation;
  /** The outgoing key, which signed the rotation; SPKI PEM. */
  publicKey: string;
  /** The key that signs checkpoints from here on; SPKI PEM. */
  nextPublicKey: string;
  reason: string;
  position: string;
  revision: number;
  recordedAt: string;
}

/**
 * What each event of the checkpoint stream vouches for, whichever its type: a
 * tree state (origin, size, root) signed by `signer`, after which `next` is
 * the key that signs checkpoints (the signer itself, unless it is a rotation).
 */
export interface CustodyStatement {
  kind: 'checkpoint' | 'rotation';
  origin: string;
  size: number;
  root: Uint8Array;
  signer: string;
  next: string;
  position: string;
  /** Throws unless the statement carries `signer`'s valid signature. */
  verify(): void;
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

export function keyRotatedEvent(rotation: SignedKeyRotation, publicKey: string, nextPublicKey: string, reason: string, now: Date): EventToAppend {
  return {
    id: randomUUID(),
    type: CHECKPOINT_KEY_ROTATED,
    data: { ...signedData(rotation, publicKey), nextPublicKey, reason },
    metadata: ledgerMetadata('ledger', null, now),
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

export function readKeyRotationEvent(event: RecordedEvent): RecordedKeyRotation {
  const { checkpoint, publicKey } = readSigned(event);
  const { nextPublicKey, reason } = event.data;
  if (typeof nextPublicKey !== 'string') throw malformed(event, 'nextPublicKey');
  if (typeof reason !== 'string') throw malformed(event, 'reason');
  let nextKey;
  try {
    nextKey = parsePublicKey(nextPublicKey);
  } catch (error) {
    if (!(error instanceof LedgerInputError)) throw error;
    throw malformed(event, 'nextPublicKey');
  }
  return {
    rotation: { ...checkpoint, nextKey },
    publicKey,
    nextPublicKey,
    reason,
    position: event.position,
    revision: event.revision,
    recordedAt: recordedAt(event),
  };
}

/** An event of the checkpoint stream as a link of the chain of custody. */
export function readCustodyStatement(event: RecordedEvent): CustodyStatement {
  if (event.type === CHECKPOINT_KEY_ROTATED) {
    const { rotation, publicKey, nextPublicKey } = readKeyRotationEvent(event);
    const verify = () => verifyKeyRotation(rotation, parsePublicKey(publicKey));
    return { kind: 'rotation', ...rotation, signer: publicKey, next: nextPublicKey, position: event.position, verify };
  }
  if (event.type !== CHECKPOINT_SIGNED) throw new MalformedLedgerEventError(`${event.type} at position ${event.position} has no place in ${CHECKPOINT_STREAM}`);
  const { checkpoint, publicKey } = readCheckpointEvent(event);
  const verify = () => verifyCheckpoint(checkpoint, parsePublicKey(publicKey));
  return { kind: 'checkpoint', ...checkpoint, signer: publicKey, next: publicKey, position: event.position, verify };
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
