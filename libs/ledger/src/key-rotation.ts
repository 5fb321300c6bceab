import { type KeyObject, sign, verify } from 'node:crypto';
import { encodeBase64 } from './base64';
import { checkpointBody, CheckpointError, type Checkpoint } from './checkpoint';

/**
 * A key rotation is the outgoing checkpoint key's signed statement "the log
 * named <origin> had <size> leaves and this root, and from here on this other
 * key signs its checkpoints". Whoever trusts the outgoing key (a witness, an
 * auditor holding an old checkpoint) can follow the chain of custody to the
 * next one, and a key that no such statement introduced signs nothing valid.
 *
 * The signed bytes are the checkpoint note with one more line naming the next
 * key (its SPKI DER in standard base64):
 *
 *     <origin>\n<size>\n<root>\nkey-rotation <next key>\n
 *
 * Four lines where a checkpoint has three, so neither signature can pass for
 * the other.
 */
export interface KeyRotation extends Checkpoint {
  readonly nextKey: KeyObject;
}

export interface SignedKeyRotation extends KeyRotation {
  /** The outgoing key's Ed25519 signature over keyRotationBody(). */
  readonly signature: Uint8Array;
}

export function keyRotationBody(rotation: KeyRotation): Uint8Array {
  if (rotation.nextKey.asymmetricKeyType !== 'ed25519') throw new CheckpointError('the next checkpoint key must be an Ed25519 key');
  const next = encodeBase64(rotation.nextKey.export({ type: 'spki', format: 'der' }));
  return Buffer.concat([checkpointBody(rotation), Buffer.from(`key-rotation ${next}\n`, 'utf8')]);
}

export function signKeyRotation(rotation: KeyRotation, outgoing: KeyObject): SignedKeyRotation {
  const signature = sign(null, keyRotationBody(rotation), outgoing);
  return { origin: rotation.origin, size: rotation.size, root: rotation.root, nextKey: rotation.nextKey, signature };
}

/** Returns normally only if `signature` is the outgoing key's Ed25519 signature of the rotation. */
export function verifyKeyRotation(rotation: SignedKeyRotation, outgoing: KeyObject): void {
  if (outgoing.asymmetricKeyType !== 'ed25519') throw new CheckpointError('key rotations are signed with Ed25519 keys');
  if (rotation.signature.length !== 64) throw new CheckpointError('an Ed25519 signature is 64 bytes');
  if (!verify(null, keyRotationBody(rotation), outgoing, rotation.signature)) {
    throw new CheckpointError('signature does not match the key rotation and the outgoing key');
  }
}
