import type { AppendResult, EventStore, EventToAppend, RecordedEvent } from '@ddr/event-store';
import { signCheckpoint } from '../checkpoint';
import { signKeyRotation } from '../key-rotation';
import type { MerkleTree } from '../merkle-tree';
import { ProofError, verifyConsistency } from '../verify';
import { appendChained } from './chained-append';
import { LedgerInconsistentError, SignerMismatchError } from './errors';
import { keyFingerprint, parsePublicKey, type SigningKey } from './keys';
import {
  CHECKPOINT_SIGNED,
  CHECKPOINT_STREAM,
  checkpointSignedEvent,
  keyRotatedEvent,
  LEDGER_STREAM_PREFIX,
  readCheckpointEvent,
  readCustodyStatement,
  readKeyRotationEvent,
  type CustodyStatement,
  type RecordedCheckpoint,
  type RecordedKeyRotation,
} from './ledger-events';
import type { TreeFollower } from './tree-follower';

/**
 * The checkpoint stream's events, newest first, read a page at a time: the first page one event, since
 * the latest checkpoint is almost always the stream's last event (a rotation is followed by the new key's
 * checkpoint at once).
 */
async function* newestFirst(store: EventStore): AsyncGenerator<RecordedEvent> {
  let from: number | undefined;
  for (let maxCount = 1; ; maxCount = 100) {
    const page = await store.readStream(CHECKPOINT_STREAM, { direction: 'backwards', fromRevision: from, maxCount });
    yield* page;
    const last = page.at(-1);
    if (!last || last.revision === 0) return;
    from = last.revision - 1;
  }
}

/** The most recent signed checkpoint, with the event that records it (a key rotation may have come after it). */
export async function latestCheckpoint(store: EventStore): Promise<{ recorded: RecordedCheckpoint; event: RecordedEvent } | undefined> {
  for await (const event of newestFirst(store)) if (event.type === CHECKPOINT_SIGNED) return { recorded: readCheckpointEvent(event), event };
  return undefined;
}

/** The recorded checkpoint of exactly this size and root, searched from the newest back. */
export async function findCheckpoint(store: EventStore, size: number, root: Uint8Array): Promise<RecordedCheckpoint | undefined> {
  for await (const event of newestFirst(store)) {
    if (event.type !== CHECKPOINT_SIGNED) continue;
    const recorded = readCheckpointEvent(event);
    if (recorded.checkpoint.size === size && Buffer.compare(recorded.checkpoint.root, root) === 0) return recorded;
    // Sizes only grow along the stream: an older checkpoint cannot match.
    if (recorded.checkpoint.size < size) return undefined;
  }
  return undefined;
}

/** The key rotations signed at a tree size of `fromSize` or more, oldest first: read back only that far. */
export async function keyRotations(store: EventStore, fromSize = 0): Promise<RecordedKeyRotation[]> {
  const rotations: RecordedKeyRotation[] = [];
  for await (const event of newestFirst(store)) {
    const statement = readCustodyStatement(event);
    // Sizes only grow along the stream: nothing older is of that size.
    if (statement.size < fromSize) break;
    if (statement.kind === 'rotation') rotations.unshift(readKeyRotationEvent(event));
  }
  return rotations;
}

/** The last link of the chain of custody: what the next checkpoint or rotation must extend, and with which key. */
export async function lastCustodyStatement(store: EventStore): Promise<CustodyStatement | undefined> {
  const [event] = await store.readStream(CHECKPOINT_STREAM, { direction: 'backwards', maxCount: 1 });
  return event && readCustodyStatement(event);
}

/**
 * Refuses, with the reason, unless the tree extends `last` (the last checkpoint or key rotation): a valid
 * signature, this signer's key as the one it hands signing to, the same origin, no fewer leaves, and an
 * RFC 9162 consistency proof from its size to the tree's that verifies against its signed root. This is
 * what keeps the signer from ever signing two inconsistent statements, whatever happened to the log or
 * to the ledger file.
 */
function assertTreeExtends(tree: MerkleTree, last: CustodyStatement, key: SigningKey, origin: string): void {
  const where = `the last ${last.kind === 'checkpoint' ? 'signed checkpoint' : 'key rotation'} (size ${last.size}, position ${last.position})`;
  try {
    last.verify();
  } catch (error) {
    throw new LedgerInconsistentError(`${where} does not carry a valid signature: ${(error as Error).message}`);
  }
  const next = parsePublicKey(last.next);
  if (!next.equals(key.publicKey)) {
    const handedTo = last.kind === 'checkpoint' ? 'was signed by key' : 'hands checkpoint signing to key';
    throw new SignerMismatchError(
      `${where} ${handedTo} ${keyFingerprint(next)}, and this signer holds ${keyFingerprint(key.publicKey)} (docs/ledger.md, rotating the checkpoint key)`,
    );
  }
  if (last.origin !== origin) throw new SignerMismatchError(`${where} names the log "${last.origin}", this signer "${origin}"`);
  if (tree.size < last.size) {
    throw new LedgerInconsistentError(`the tree has ${tree.size} leaves, fewer than ${where}: events were removed from the log`);
  }
  if (last.size === 0) return;
  try {
    verifyConsistency({ size1: last.size, size2: tree.size, root1: last.root, root2: tree.root(), proof: tree.consistencyProof(last.size, tree.size) });
  } catch (error) {
    if (!(error instanceof ProofError)) throw error;
    throw new LedgerInconsistentError(
      `the log of ${tree.size} events is not an extension of ${where}: history before it was altered, removed or reordered (${error.message})`,
    );
  }
}

export interface CheckpointOutcome {
  checkpoint: RecordedCheckpoint;
  /** False when the log had not grown since the last checkpoint, which is returned instead. */
  signed: boolean;
}

export interface Signer {
  store: EventStore;
  follower: TreeFollower;
  key: SigningKey;
  origin: string;
  clock?: () => Date;
}

/**
 * Appends the next statement of the checkpoint stream: brings the tree up to the log's head, proves it
 * extends the last statement, and records what `build` signs over it (nothing: undefined). Another signer
 * may append meanwhile: appendChained then starts again from its statement.
 */
async function appendStatement(
  signer: Signer,
  build: (tree: MerkleTree, last: CustodyStatement | undefined, now: Date) => EventToAppend | undefined,
  maxAttempts: number,
): Promise<AppendResult | undefined> {
  return appendChained(
    signer.store,
    CHECKPOINT_STREAM,
    async (lastEvent) => {
      // The last statement first: its size is then at most what the tree reaches below.
      const last = lastEvent && readCustodyStatement(lastEvent);
      await signer.follower.catchUp();
      const tree = signer.follower.tree;
      if (last) assertTreeExtends(tree, last, signer.key, signer.origin);
      const event = build(tree, last, (signer.clock ?? (() => new Date()))());
      return event && [event];
    },
    maxAttempts,
  );
}

/**
 * Signs and records a new checkpoint when events other than the ledger's own (checkpoints, rotations,
 * co-signatures) arrived since the last statement, or, with `evenIfUngrown`, right after a key rotation,
 * so that the new key vouches for the rotation at once. Refuses (LedgerInconsistentError,
 * SignerMismatchError) when the log does not extend the last statement or this is not the key it hands
 * signing to. Returns undefined while the log is empty.
 */
export async function checkpointLog(signer: Signer, { maxAttempts = 3, evenIfUngrown = false } = {}): Promise<CheckpointOutcome | undefined> {
  let signed: Omit<RecordedCheckpoint, 'position' | 'revision'> | undefined;
  const result = await appendStatement(
    signer,
    (tree, last, now) => {
      signed = undefined;
      const grown = last ? signer.follower.records.hasLeafOutside(LEDGER_STREAM_PREFIX, last.size) : tree.size > 0;
      if (!grown && !(evenIfUngrown && last?.kind === 'rotation')) return undefined;
      const checkpoint = signCheckpoint({ origin: signer.origin, size: tree.size, root: tree.root() }, signer.key.privateKey);
      signed = { checkpoint, publicKey: signer.key.publicKeyPem, recordedAt: now.toISOString() };
      return checkpointSignedEvent(checkpoint, signer.key.publicKeyPem, now);
    },
    maxAttempts,
  );
  if (result && signed) return { checkpoint: { ...signed, position: result.position, revision: result.nextExpectedRevision }, signed: true };
  const last = await latestCheckpoint(signer.store);
  return last && { checkpoint: last.recorded, signed: false };
}

/**
 * Hands checkpoint signing over from the signer's key to `next`: the outgoing key signs, over the tree it
 * proved consistent, a rotation naming the next key, recorded with the operator's reason in the
 * checkpoint stream. From then on only `next` signs this log's checkpoints.
 */
export async function rotateCheckpointKey(signer: Signer, next: SigningKey, reason: string, maxAttempts = 3): Promise<RecordedKeyRotation> {
  let recorded: Omit<RecordedKeyRotation, 'position' | 'revision'> | undefined;
  const result = await appendStatement(
    signer,
    (tree, _last, now) => {
      const rotation = signKeyRotation({ origin: signer.origin, size: tree.size, root: tree.root(), nextKey: next.publicKey }, signer.key.privateKey);
      recorded = { rotation, publicKey: signer.key.publicKeyPem, nextPublicKey: next.publicKeyPem, reason, recordedAt: now.toISOString() };
      return keyRotatedEvent(rotation, signer.key.publicKeyPem, next.publicKeyPem, reason, now);
    },
    maxAttempts,
  );
  return { ...recorded!, position: result!.position, revision: result!.nextExpectedRevision };
}
