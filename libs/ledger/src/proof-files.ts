import { decodeBase64, encodeBase64 } from './base64';
import { canonicalJsonBytes } from './canonical-json';
import type { SignedCheckpoint } from './checkpoint';
import { leafHash, type LeafContent } from './leaf';
import type { ConsistencyProofInput, InclusionProofInput } from './verify';

/**
 * The JSON files an auditor feeds to tools/verify-ledger.mjs. Field names are
 * those of the RFC 9162 test vectors in shared/vectors/rfc9162 (transparency-dev
 * testdata), so the very same files exercise the library and the script.
 * Hashes are standard base64; sizes are JSON numbers. Unknown fields (the
 * vectors' "desc" and "wantErr") are ignored.
 *
 * An inclusion file names its leaf in one or more of three ways, which must
 * agree: "leafHash" (the RFC 9162 leaf hash), "leafData" (base64 of the leaf
 * bytes) or "event" (the leaf content object, canonicalised per RFC 8785).
 */
export interface InclusionProofFile {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash?: string;
  leafData?: string;
  event?: LeafContent;
  /** null is accepted as empty: Go's encoder writes a nil slice that way. */
  proof: string[] | null;
}

export interface ConsistencyProofFile {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
}

export interface CheckpointFile {
  origin: string;
  size: number;
  root: string;
  signature: string;
}

export class ProofFileError extends Error {
  override readonly name = 'ProofFileError';
}

export function inclusionProofFile(proof: InclusionProofInput, leaf: { event?: LeafContent } = {}): InclusionProofFile {
  return {
    leafIdx: proof.leafIndex,
    treeSize: proof.treeSize,
    root: encodeBase64(proof.root),
    leafHash: encodeBase64(proof.leafHash),
    ...(leaf.event ? { event: leaf.event } : {}),
    proof: proof.proof.map(encodeBase64),
  };
}

export function consistencyProofFile(proof: ConsistencyProofInput): ConsistencyProofFile {
  return {
    size1: proof.size1,
    size2: proof.size2,
    root1: encodeBase64(proof.root1),
    root2: encodeBase64(proof.root2),
    proof: proof.proof.map(encodeBase64),
  };
}

export function checkpointFile(checkpoint: SignedCheckpoint): CheckpointFile {
  return {
    origin: checkpoint.origin,
    size: checkpoint.size,
    root: encodeBase64(checkpoint.root),
    signature: encodeBase64(checkpoint.signature),
  };
}

/** Reads an inclusion proof file; structural problems throw ProofFileError, the proof itself is not checked. */
export function parseInclusionProofFile(json: unknown): InclusionProofInput {
  const file = asRecord(json);
  const hashes = [
    file.leafHash !== undefined ? bytes(file.leafHash, 'leafHash') : undefined,
    file.leafData !== undefined ? leafHash(bytes(file.leafData, 'leafData')) : undefined,
    file.event !== undefined ? leafHash(canonicalJsonBytes(leafContentOf(file.event))) : undefined,
  ].filter((hash): hash is Uint8Array => hash !== undefined);
  if (hashes.length === 0) throw new ProofFileError('one of leafHash, leafData or event is required');
  const [first, ...others] = hashes;
  if (others.some((other) => encodeBase64(other) !== encodeBase64(first))) {
    throw new ProofFileError('leafHash, leafData and event do not name the same leaf');
  }
  return {
    leafIndex: number(file.leafIdx, 'leafIdx'),
    treeSize: number(file.treeSize, 'treeSize'),
    root: bytes(file.root, 'root'),
    leafHash: first,
    proof: hashList(file.proof),
  };
}

export function parseConsistencyProofFile(json: unknown): ConsistencyProofInput {
  const file = asRecord(json);
  return {
    size1: number(file.size1, 'size1'),
    size2: number(file.size2, 'size2'),
    root1: bytes(file.root1, 'root1'),
    root2: bytes(file.root2, 'root2'),
    proof: hashList(file.proof),
  };
}

export function parseCheckpointFile(json: unknown): SignedCheckpoint {
  const file = asRecord(json);
  if (typeof file.origin !== 'string') throw new ProofFileError('origin must be a string');
  return {
    origin: file.origin,
    size: number(file.size, 'size'),
    root: bytes(file.root, 'root'),
    signature: bytes(file.signature, 'signature'),
  };
}

const LEAF_CONTENT_KEYS = ['data', 'id', 'metadata', 'revision', 'stream', 'type'];

/**
 * An event given in a file must be exactly a leaf content: a stray field such
 * as a global position would silently change the hash and fail the proof with
 * a misleading reason.
 */
function leafContentOf(value: unknown): Record<string, unknown> {
  const event = asRecord(value);
  if (Object.keys(event).sort().join() !== LEAF_CONTENT_KEYS.join()) {
    throw new ProofFileError(`event must have exactly the fields ${LEAF_CONTENT_KEYS.join(', ')}`);
  }
  return event;
}

function asRecord(json: unknown): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ProofFileError('expected a JSON object');
  return json as Record<string, unknown>;
}

/** Sizes must be exact: 2^64 - 1 in a file parses to 2^64 as a double, so it is refused, not rounded. */
function number(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new ProofFileError(`${field} must be a non-negative safe integer`);
  }
  return value;
}

function bytes(value: unknown, field: string): Uint8Array {
  const decoded = decodeBase64(value);
  if (!decoded) throw new ProofFileError(`${field} must be a standard base64 string`);
  return decoded;
}

function hashList(value: unknown): Uint8Array[] {
  if (value === null) return [];
  if (!Array.isArray(value)) throw new ProofFileError('proof must be an array of base64 strings');
  return value.map((item, i) => bytes(item, `proof[${i}]`));
}
