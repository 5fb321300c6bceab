import { type KeyObject, sign, verify } from 'node:crypto';
import { encodeBase64 } from './base64';
import { HASH_SIZE } from './leaf';
import { isTreeSize } from './sizes';

/**
 * A checkpoint is the ledger's signed statement "the log named <origin> had
 * <size> leaves and this root". An auditor who holds two checkpoints checks a
 * consistency proof between them; one who holds an event checks an inclusion
 * proof against a checkpoint's root.
 *
 * The signed bytes are a three-line text note, UTF-8, each line ending in
 * "\n" (the shape of a C2SP tlog checkpoint body, without its extension lines
 * or signed-note envelope):
 *
 *     <origin>\n<size in decimal>\n<root in standard base64>\n
 *
 * Text rather than JSON so that an auditor can see exactly what was signed and
 * rebuild it without a canonicaliser. The signature is Ed25519 over exactly
 * those bytes.
 */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
}

export interface SignedCheckpoint extends Checkpoint {
  /** Ed25519 signature (64 bytes) over checkpointBody(). */
  readonly signature: Uint8Array;
}

export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';
}

/**
 * The origin is a line of the note: a newline would let one checkpoint be read
 * as another, and other control characters hide what is displayed.
 */
// eslint-disable-next-line no-control-regex -- an origin must not contain control characters
const VALID_ORIGIN = /^[^\u0000-\u001f\u007f\uD800-\uDFFF]+$/u;

export function checkpointBody({ origin, size, root }: Checkpoint): Uint8Array {
  if (!VALID_ORIGIN.test(origin)) throw new CheckpointError('origin must be non-empty text without control characters');
  if (!isTreeSize(size)) throw new CheckpointError(`size must be a non-negative safe integer, got ${size}`);
  if (root.length !== HASH_SIZE) throw new CheckpointError(`root must be ${HASH_SIZE} bytes`);
  return Buffer.from(`${origin}\n${size}\n${encodeBase64(root)}\n`, 'utf8');
}

export function signCheckpoint(checkpoint: Checkpoint, privateKey: KeyObject): SignedCheckpoint {
  requireEd25519(privateKey);
  const signature = sign(null, checkpointBody(checkpoint), privateKey);
  return { origin: checkpoint.origin, size: checkpoint.size, root: checkpoint.root, signature };
}

/** Returns normally only if `signature` is the key's Ed25519 signature of the checkpoint body. */
export function verifyCheckpoint(checkpoint: SignedCheckpoint, publicKey: KeyObject): void {
  requireEd25519(publicKey);
  const body = checkpointBody(checkpoint);
  if (checkpoint.signature.length !== 64) throw new CheckpointError('an Ed25519 signature is 64 bytes');
  if (!verify(null, body, publicKey, checkpoint.signature)) {
    throw new CheckpointError('signature does not match the checkpoint and key');
  }
}

function requireEd25519(key: KeyObject): void {
  if (key.asymmetricKeyType !== 'ed25519') throw new CheckpointError('checkpoints are signed with Ed25519 keys');
}
