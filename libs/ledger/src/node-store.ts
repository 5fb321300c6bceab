import { HASH_SIZE } from './leaf';

/**
 * Where a Merkle tree keeps its hashes: the leaf hashes (level 0) and the
 * root of every perfect subtree completed so far (level k covers 2^k leaves).
 * A perfect subtree never changes once complete, so storing it once lets
 * proofs and past roots for any size be read with O(log n) lookups instead of
 * rehashing O(n) leaves. About 2n hashes in all.
 *
 * Small and synchronous on purpose: a SQLite adapter (better-sqlite3 is
 * synchronous) needs one table (level, index, hash) and one transaction per
 * append.
 */
export interface MerkleNodeStore {
  /** Leaves stored so far. */
  leafCount(): number;
  /**
   * Hash of the perfect subtree covering leaves [index * 2^level, (index + 1) * 2^level).
   * Throws if that subtree is not complete.
   */
  node(level: number, index: number): Uint8Array;
  /**
   * Records the next leaf. `nodes[0]` is its leaf hash, `nodes[k]` the level-k
   * subtree it completes (so there are 1 + trailing zero bits of the new leaf
   * count). All or nothing: a reader must never see a leaf without its parents.
   */
  append(nodes: readonly Uint8Array[]): void;
}

/** How many nodes the leaf that brings the count to `newCount` completes. */
export function nodesCompletedBy(newCount: number): number {
  let nodes = 1;
  for (let m = newCount; m % 2 === 0; m /= 2) nodes++;
  return nodes;
}

/**
 * One contiguous byte buffer per level: a million leaves are about 64 MB of
 * hashes, where two million separate Buffer objects would cost several times
 * that in object overhead.
 */
class Level {
  private bytes = Buffer.alloc(HASH_SIZE * 1024);
  count = 0;

  push(hash: Uint8Array): void {
    const end = (this.count + 1) * HASH_SIZE;
    if (end > this.bytes.length) {
      const grown = Buffer.alloc(this.bytes.length * 2);
      this.bytes.copy(grown);
      this.bytes = grown;
    }
    this.bytes.set(hash, this.count * HASH_SIZE);
    this.count++;
  }

  /** A copy, so that a caller can never alter the stored tree. */
  get(index: number): Uint8Array {
    return Buffer.from(this.bytes.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE));
  }
}

export class InMemoryNodeStore implements MerkleNodeStore {
  private readonly levels: Level[] = [];

  leafCount(): number {
    return this.levels[0]?.count ?? 0;
  }

  node(level: number, index: number): Uint8Array {
    const stored = this.levels[level];
    if (!Number.isSafeInteger(index) || index < 0 || !stored || index >= stored.count) {
      throw new RangeError(`no complete subtree at level ${level}, index ${index}`);
    }
    return stored.get(index);
  }

  append(nodes: readonly Uint8Array[]): void {
    const expected = nodesCompletedBy(this.leafCount() + 1);
    if (nodes.length !== expected) throw new RangeError(`expected ${expected} nodes, got ${nodes.length}`);
    if (nodes.some((hash) => hash.length !== HASH_SIZE)) throw new RangeError(`every node must be ${HASH_SIZE} bytes`);
    nodes.forEach((hash, level) => {
      this.levels[level] ??= new Level();
      this.levels[level].push(hash);
    });
  }
}
