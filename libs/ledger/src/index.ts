export { canonicalJson, canonicalJsonBytes, CanonicalJsonError, type JsonValue } from './canonical-json';
export { emptyTreeRoot, eventLeafHash, HASH_SIZE, leafContent, leafData, leafHash, nodeHash, type LeafContent, type LedgerEvent } from './leaf';
export { InMemoryNodeStore, nodesCompletedBy, type MerkleNodeStore } from './node-store';
export { MerkleTree } from './merkle-tree';
export { ProofError, verifyConsistency, verifyInclusion, type ConsistencyProofInput, type InclusionProofInput } from './verify';
export { checkpointBody, CheckpointError, signCheckpoint, verifyCheckpoint, type Checkpoint, type SignedCheckpoint } from './checkpoint';
export { keyRotationBody, signKeyRotation, verifyKeyRotation, type KeyRotation, type SignedKeyRotation } from './key-rotation';
export { decodeBase64, encodeBase64 } from './base64';
export {
  checkpointFile,
  consistencyProofFile,
  inclusionProofFile,
  parseCheckpointFile,
  parseConsistencyProofFile,
  parseInclusionProofFile,
  ProofFileError,
  type CheckpointFile,
  type ConsistencyProofFile,
  type InclusionProofFile,
} from './proof-files';
export { chainFrom, chainLinkOf, chainMetadata, PREVIOUS_HASH, type ChainableEvent, type ChainLink } from './chain';
