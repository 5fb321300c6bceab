import type { EventStore, RecordedEvent } from '@ddr/event-store';
import { signCheckpoint, verifyCheckpoint, type SignedCheckpoint } from '../checkpoint';
import type { MerkleTree } from '../merkle-tree';
import { ProofError, verifyConsistency } from '../verify';
import { appendChained } from './chained-append';
import { LedgerInconsistentError, SignerMismatchError } from './errors';
import { parsePublicKey, type SigningKey } from './keys';
import {
  CHECKPOINT_SIGNED,
  CHECKPOINT_STREAM,
  checkpointSignedEvent,
  LEDGER_STREAM_PREFIX,
  readCheckpointEvent,
  type RecordedCheckpoint,
} from './ledger-events';
import type { TreeFollower } from './tree-follower';

/** The most recent signed checkpoint, with the event that records it. */
export async function latestCheckpoint(store: EventStore): Promise<{ recorded: RecordedCheckpoint; event: RecordedEvent } | undefined> {
  const [event] = await store.readStream(CHECKPOINT_STREAM, { direction: 'backwards', maxCount: 1 });
  return event && { recorded: readCheckpointEvent(event), event };
}

/** The recorded checkpoint of exactly this size and root, searched from the newest back. */
export async function findCheckpoint(store: EventStore, size: number, root: Uint8Array): Promise<RecordedCheckpoint | undefined> {
  let from: number | undefined;
  for (;;) {
    const page = await store.readStream(CHECKPOINT_STREAM, { direction: 'backwards', fromRevision: from, maxCount: 100 });
    for (const event of page) {
      if (event.type !== CHECKPOINT_SIGNED) continue;
      const recorded = readCheckpointEvent(event);
      if (recorded.checkpoint.size === size && Buffer.compare(recorded.checkpoint.root, root) === 0) return recorded;
      // Sizes only grow along the stream: an older checkpoint cannot match.
      if (recorded.checkpoint.size < size) return undefined;
    }
    const last = page.at(-1);
    if (!last || last.revision === 0) return undefined;
    from = last.revision - 1;
  }
}

/**
 * Refuses, with the reason, unless the tree extends `last`: same signer and
 * origin, a valid signature, no fewer leaves, and an RFC 9162 consistency
 * proof from its size to the tree's that verifies against its signed root.
 * This is what keeps the signer from ever signing two inconsistent
 * checkpoints, whatever happened to the log or to the ledger file.
 */
function assertTreeExtends(tree: MerkleTree, last: RecordedCheckpoint, key: SigningKey, origin: string): void {
  const { checkpoint } = last;
  const where = `the last signed checkpoint (size ${checkpoint.size}, position ${last.position})`;
  try {
    verifyCheckpoint(checkpoint, parsePublicKey(last.publicKey));
  } catch (error) {
    throw new LedgerInconsistentError(`${where} does not carry a valid signature: ${(error as Error).message}`);
  }
  if (!parsePublicKey(last.publicKey).equals(key.publicKey)) throw new SignerMismatchError(`${where} was signed by another key than this signer's`);
  if (checkpoint.origin !== origin) throw new SignerMismatchError(`${where} names the log "${checkpoint.origin}", this signer "${origin}"`);
  if (tree.size < checkpoint.size) {
    throw new LedgerInconsistentError(`the tree has ${tree.size} leaves, fewer than ${where}: events were removed from the log`);
  }
  if (checkpoint.size === 0) return;
  try {
    verifyConsistency({
      size1: checkpoint.size,
      size2: tree.size,
      root1: checkpoint.root,
      root2: tree.root(),
      proof: tree.consistencyProof(checkpoint.size, tree.size),
    });
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
 * Brings the tree up to the log's head, proves it consistent with the last
 * checkpoint, and signs and records a new checkpoint when events other than
 * the ledger's own (checkpoints, co-signatures) arrived since. Returns
 * undefined while the log is empty.
 */
export async function checkpointLog(signer: Signer, maxAttempts = 3): Promise<CheckpointOutcome | undefined> {
  let last: RecordedCheckpoint | undefined;
  let signed: { checkpoint: SignedCheckpoint; recordedAt: string } | undefined;
  // Another signer may record a checkpoint meanwhile: appendChained then starts again from it.
  const result = await appendChained(
    signer.store,
    CHECKPOINT_STREAM,
    async (lastEvent) => {
      // The last checkpoint first: its size is then at most what the tree reaches below.
      last = lastEvent && readCheckpointEvent(lastEvent);
      await signer.follower.catchUp();
      const tree = signer.follower.tree;
      if (last) assertTreeExtends(tree, last, signer.key, signer.origin);
      const grown = last ? signer.follower.records.hasLeafOutside(LEDGER_STREAM_PREFIX, last.checkpoint.size) : tree.size > 0;
      if (!grown) return undefined;
      const checkpoint = signCheckpoint({ origin: signer.origin, size: tree.size, root: tree.root() }, signer.key.privateKey);
      const event = checkpointSignedEvent(checkpoint, signer.key.publicKeyPem, (signer.clock ?? (() => new Date()))());
      signed = { checkpoint, recordedAt: event.metadata.recordedAt as string };
      return [event];
    },
    maxAttempts,
  );
  if (!result || !signed) return last && { checkpoint: last, signed: false };
  const { position, nextExpectedRevision: revision } = result;
  return { checkpoint: { ...signed, publicKey: signer.key.publicKeyPem, position, revision }, signed: true };
}
