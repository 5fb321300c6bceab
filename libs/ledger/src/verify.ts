import { HASH_SIZE, nodeHash } from './leaf';
import { half, isOdd, isPowerOfTwo, isTreeSize } from './sizes';

/**
 * Strict verification of RFC 9162 proofs. Each function returns normally only
 * when the proof is valid and throws ProofError otherwise: a boolean result is
 * too easy to ignore, and the reason helps an auditor see what was wrong.
 *
 * "Strict": sizes and indexes must be safe non-negative integers, every hash
 * exactly 32 bytes, and a proof exactly as long as the sizes require (a proof
 * with an extra leading or trailing element is refused even if the hashes
 * would otherwise work out).
 */
export class ProofError extends Error {
  override readonly name = 'ProofError';
}

export interface InclusionProofInput {
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly leafHash: Uint8Array;
  readonly proof: readonly Uint8Array[];
  readonly root: Uint8Array;
}

export interface ConsistencyProofInput {
  readonly size1: number;
  readonly size2: number;
  readonly root1: Uint8Array;
  readonly root2: Uint8Array;
  readonly proof: readonly Uint8Array[];
}

/** RFC 9162 2.1.3.2. */
export function verifyInclusion({ leafIndex, treeSize, leafHash, proof, root }: InclusionProofInput): void {
  requireSize(leafIndex, 'leaf index');
  requireSize(treeSize, 'tree size');
  if (leafIndex >= treeSize) fail(`leaf index ${leafIndex} is not below tree size ${treeSize}`);
  requireHash(leafHash, 'leaf hash');
  requireHash(root, 'root');
  proof.forEach((hash, i) => requireHash(hash, `proof[${i}]`));

  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) fail('proof is longer than the tree is deep');
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      // Skip the levels where this node has no right sibling (the tree's right edge).
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = nodeHash(r, p);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  if (sn !== 0) fail('proof is shorter than the tree is deep');
  if (!equalBytes(r, root)) fail('computed root does not match the expected root');
}

/**
 * RFC 9162 2.1.4.2, plus the cases the RFC leaves out:
 * - size1 = size2: the trees must be the same, so the proof must be empty and
 *   the roots byte-identical. Nothing is hashed, so their length is not
 *   checked; the transparency-dev vectors expect identical roots of any
 *   length to pass here;
 * - size1 = 0: refused. The RFC defines proofs for 0 < size1 only; the empty
 *   tree commits to nothing, so "consistent with the empty tree" proves nothing
 *   and an auditor must start from a non-empty checkpoint.
 */
export function verifyConsistency({ size1, size2, root1, root2, proof }: ConsistencyProofInput): void {
  requireSize(size1, 'size1');
  requireSize(size2, 'size2');
  if (size1 > size2) fail(`size1 ${size1} is greater than size2 ${size2}`);
  if (size1 === 0) fail('size1 is 0: an empty tree cannot be proved consistent with anything');
  if (size1 === size2) {
    if (proof.length !== 0) fail('sizes are equal but the proof is not empty');
    if (!(root1 instanceof Uint8Array && root2 instanceof Uint8Array)) fail('roots must be byte arrays');
    if (!equalBytes(root1, root2)) fail('sizes are equal but the roots differ');
    return;
  }
  requireHash(root1, 'root1');
  requireHash(root2, 'root2');
  proof.forEach((hash, i) => requireHash(hash, `proof[${i}]`));
  if (proof.length === 0) fail('proof is empty');

  // When size1 is a power of two, the old tree is a whole subtree of the new
  // one and its root is the proof's implicit first element.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) [fn, sn] = [half(fn), half(sn)];
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) fail('proof is longer than needed');
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = nodeHash(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  if (sn !== 0) fail('proof is shorter than needed');
  if (!equalBytes(fr, root1)) fail('computed old root does not match root1');
  if (!equalBytes(sr, root2)) fail('computed new root does not match root2');
}

function requireSize(value: number, what: string): void {
  if (!isTreeSize(value)) fail(`${what} must be a non-negative safe integer, got ${value}`);
}

function requireHash(hash: Uint8Array, what: string): void {
  if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) {
    fail(`${what} must be ${HASH_SIZE} bytes, got ${hash?.length ?? typeof hash}`);
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function fail(reason: string): never {
  throw new ProofError(reason);
}
