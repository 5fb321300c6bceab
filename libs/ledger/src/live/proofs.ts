import type { EventStore } from '@ddr/event-store';
import { eventLeafHash, leafContent } from '../leaf';
import {
  checkpointFile,
  consistencyProofFile,
  inclusionProofFile,
  type CheckpointFile,
  type ConsistencyProofFile,
  type InclusionProofFile,
} from '../proof-files';
import { verifyConsistency, verifyInclusion } from '../verify';
import { LedgerInconsistentError, LedgerInputError, LedgerNotFoundError, NotCheckpointedError } from './errors';
import type { LeafRecord } from './ledger-db';
import type { RecordedCheckpoint } from './ledger-events';
import type { TreeFollower } from './tree-follower';

/** What `ledger prove` prints: a file tools/verify-ledger.mjs checks, with the checkpoint it is against. */
export interface InclusionProofAnswer {
  file: InclusionProofFile & { position: string; checkpoint: CheckpointFile };
  leaf: LeafRecord;
  checkpoint: RecordedCheckpoint;
}

/**
 * The inclusion proof of an event against the latest signed checkpoint. It
 * refuses rather than hand out a proof that cannot verify: when the event is
 * after that checkpoint, or no longer hashes to the leaf the tree took in.
 */
export async function proveInclusion(
  store: EventStore,
  follower: TreeFollower,
  latest: RecordedCheckpoint | undefined,
  eventId: string,
  streamId?: string,
): Promise<InclusionProofAnswer> {
  const leaves = follower.records.leavesOf(eventId).filter((leaf) => streamId === undefined || leaf.streamId === streamId);
  if (leaves.length === 0) throw new LedgerNotFoundError(`no event ${eventId}${streamId ? ` in ${streamId}` : ''} is in the ledger's tree`);
  if (leaves.length > 1) {
    throw new LedgerInputError(`event id ${eventId} is in several streams (${leaves.map((l) => l.streamId).join(', ')}): name the stream`);
  }
  const [leaf] = leaves;
  if (!latest) throw new NotCheckpointedError('no checkpoint has been signed yet: run `ddr ledger checkpoint`');
  const { checkpoint } = latest;
  if (leaf.index >= checkpoint.size) {
    throw new NotCheckpointedError(
      `event ${eventId} is leaf ${leaf.index}, after the latest checkpoint (size ${checkpoint.size}): run \`ddr ledger checkpoint\` or wait for the next one`,
    );
  }
  const tree = follower.tree;
  if (Buffer.compare(tree.rootAt(checkpoint.size), checkpoint.root) !== 0) {
    throw new LedgerInconsistentError(`the ledger's tree at size ${checkpoint.size} does not have the signed root: run \`ddr ledger verify\``);
  }
  const [event] = await store.readStream(leaf.streamId, { fromRevision: leaf.revision, maxCount: 1 });
  const leafHash = tree.leafHash(leaf.index);
  if (!event || event.id.toLowerCase() !== leaf.eventId || Buffer.compare(eventLeafHash(event), leafHash) !== 0) {
    throw new LedgerInconsistentError(
      `event ${eventId} (${leaf.streamId} revision ${leaf.revision}, position ${leaf.position}) is not what the ledger took in as leaf ${leaf.index}: ` +
        'the store was altered; run `ddr ledger verify`',
    );
  }
  const proof = { leafIndex: leaf.index, treeSize: checkpoint.size, leafHash, proof: tree.inclusionProof(leaf.index, checkpoint.size), root: checkpoint.root };
  // Never hand out a proof that does not verify.
  verifyInclusion(proof);
  return {
    file: { ...inclusionProofFile(proof, { event: leafContent(event) }), position: leaf.position, checkpoint: checkpointFile(checkpoint) },
    leaf,
    checkpoint: latest,
  };
}

/** The consistency proof between the trees of `size1` and `size2` leaves (1 <= size1 <= size2 <= the tree's size). */
export function proveConsistency(follower: TreeFollower, size1: number, size2: number): ConsistencyProofFile {
  const tree = follower.tree;
  for (const [name, size] of [
    ['size1', size1],
    ['size2', size2],
  ] as const) {
    if (!Number.isSafeInteger(size) || size < 1) throw new LedgerInputError(`${name} must be a whole number of at least 1, got ${size}`);
  }
  if (size1 > size2) throw new LedgerInputError(`size1 (${size1}) must not exceed size2 (${size2})`);
  if (size2 > tree.size) throw new LedgerInputError(`size2 (${size2}) exceeds the ledger's tree (${tree.size} leaves)`);
  const proof = { size1, size2, root1: tree.rootAt(size1), root2: tree.rootAt(size2), proof: tree.consistencyProof(size1, size2) };
  verifyConsistency(proof);
  return consistencyProofFile(proof);
}
