import { emptyTreeRoot, HASH_SIZE, nodeHash } from './leaf';
import { InMemoryNodeStore, type MerkleNodeStore } from './node-store';
import { consistencySubproof, inclusionPath } from './proof-generation';
import { assertTreeSize, exponentOf, isPowerOfTwo, largestPowerOfTwoBelow } from './sizes';

/** A perfect subtree on the right edge of the tree: the compact range. */
interface FrontierNode {
  readonly level: number;
  readonly hash: Uint8Array;
}

/**
 * RFC 9162 Merkle tree over the global log, append-only.
 *
 * The current root comes from the frontier: the roots of the perfect
 * subtrees that the binary digits of the size split the leaves into
 * (13 = 8 + 4 + 1). An append merges equal-sized neighbours like a binary
 * counter carries, so it costs O(log n) hashes, amortised O(1).
 *
 * Past roots and proofs are read from the node store, which keeps every
 * completed perfect subtree: any subtree the RFC's recursion asks for is
 * either perfect (one lookup) or runs to the end of the tree in question
 * (a fold of at most log n perfect ones).
 */
export class MerkleTree {
  private frontier: FrontierNode[] = [];

  constructor(private readonly store: MerkleNodeStore = new InMemoryNodeStore()) {
    // A reopened persistent store: rebuild the frontier from its perfect subtrees.
    let start = 0;
    for (const size of perfectSplit(store.leafCount())) {
      this.frontier.push({ level: exponentOf(size), hash: store.node(exponentOf(size), start / size) });
      start += size;
    }
  }

  get size(): number {
    return this.store.leafCount();
  }

  /** Appends a leaf hash (see leafHash / eventLeafHash); returns its index. */
  append(leafHash: Uint8Array): number {
    if (leafHash.length !== HASH_SIZE) throw new RangeError(`a leaf hash is ${HASH_SIZE} bytes`);
    const index = this.size;
    const completed: Uint8Array[] = [Uint8Array.from(leafHash)];
    let hash = completed[0];
    let level = 0;
    let top = this.frontier.length - 1;
    while (top >= 0 && this.frontier[top].level === level) {
      hash = nodeHash(this.frontier[top].hash, hash);
      completed.push(hash);
      level++;
      top--;
    }
    // Store first: if it refuses, the frontier still matches what is stored.
    this.store.append(completed);
    this.frontier.length = top + 1;
    this.frontier.push({ level, hash });
    return index;
  }

  root(): Uint8Array {
    if (this.frontier.length === 0) return emptyTreeRoot();
    // The smaller, right-hand subtrees hash together first, as MTH's split does.
    let hash = this.frontier[this.frontier.length - 1].hash;
    for (let i = this.frontier.length - 2; i >= 0; i--) hash = nodeHash(this.frontier[i].hash, hash);
    return Uint8Array.from(hash);
  }

  /** The root the tree had when it held `size` leaves. */
  rootAt(size: number): Uint8Array {
    this.assertWithin(size, 'size');
    if (size === this.size) return this.root();
    return size === 0 ? emptyTreeRoot() : this.subtreeHash(0, size);
  }

  leafHash(index: number): Uint8Array {
    this.assertLeaf(index, this.size);
    return this.store.node(0, index);
  }

  /** RFC 9162 2.1.3.1: the audit path of leaf `leafIndex` in the tree of size `treeSize`. */
  inclusionProof(leafIndex: number, treeSize: number = this.size): Uint8Array[] {
    this.assertWithin(treeSize, 'treeSize');
    this.assertLeaf(leafIndex, treeSize);
    return inclusionPath(leafIndex, 0, treeSize, (start, size) => this.subtreeHash(start, size));
  }

  /**
   * RFC 9162 2.1.4.1: proof that the tree of size `size1` is a prefix of the
   * tree of size `size2`. The RFC defines it for 0 < size1; an empty tree
   * commits to nothing, so there is nothing to prove and asking is an error.
   */
  consistencyProof(size1: number, size2: number = this.size): Uint8Array[] {
    this.assertWithin(size2, 'size2');
    assertTreeSize(size1, 'size1');
    if (size1 === 0 || size1 > size2) throw new RangeError(`need 0 < size1 <= size2, got ${size1} and ${size2}`);
    return consistencySubproof(size1, 0, size2, true, (start, size) => this.subtreeHash(start, size));
  }

  /** MTH(D[start : start + size]) for a subtree the RFC's recursion can ask for. */
  private subtreeHash(start: number, size: number): Uint8Array {
    if (isPowerOfTwo(size)) {
      // The recursion only ever reaches perfect subtrees aligned on their size.
      if (start % size !== 0) throw new Error(`unaligned subtree [${start}, ${start + size})`);
      return this.store.node(exponentOf(size), start / size);
    }
    const k = largestPowerOfTwoBelow(size);
    return nodeHash(this.subtreeHash(start, k), this.subtreeHash(start + k, size - k));
  }

  private assertWithin(size: number, what: string): void {
    assertTreeSize(size, what);
    if (size > this.size) throw new RangeError(`${what} ${size} exceeds the tree size ${this.size}`);
  }

  private assertLeaf(index: number, treeSize: number): void {
    assertTreeSize(index, 'leaf index');
    if (index >= treeSize) throw new RangeError(`leaf index ${index} is outside a tree of size ${treeSize}`);
  }
}

/** The perfect subtree sizes a tree of n leaves splits into, largest first (13 → 8, 4, 1). */
function perfectSplit(n: number): number[] {
  const sizes: number[] = [];
  let remaining = n;
  while (remaining > 0) {
    const size = isPowerOfTwo(remaining) ? remaining : largestPowerOfTwoBelow(remaining);
    sizes.push(size);
    remaining -= size;
  }
  return sizes;
}
