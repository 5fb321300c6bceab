import { leafHash } from './leaf';
import { MerkleTree } from './merkle-tree';
import { InMemoryNodeStore, type MerkleNodeStore } from './node-store';
import { referenceRoot, sampleLeafData } from './testing/reference-tree';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function treeOf(leafData: readonly Uint8Array[], store?: MerkleNodeStore): MerkleTree {
  const tree = new MerkleTree(store);
  for (const data of leafData) tree.append(leafHash(data));
  return tree;
}

/** Counts lookups, to show that proofs cost O(log n) reads, not O(n). */
class CountingStore extends InMemoryNodeStore {
  lookups = 0;
  override node(level: number, index: number): Uint8Array {
    this.lookups++;
    return super.node(level, index);
  }
}

describe('MerkleTree', () => {
  const data = sampleLeafData(300);

  it('keeps the incremental root equal to the naive RFC 9162 MTH for sizes 0 to 300', () => {
    const tree = new MerkleTree();
    expect(hex(tree.root())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    for (let n = 1; n <= 300; n++) {
      expect(tree.append(leafHash(data[n - 1]))).toBe(n - 1);
      expect(tree.size).toBe(n);
      expect(hex(tree.root())).toBe(hex(referenceRoot(data.slice(0, n))));
    }
  });

  it('computes the root of every past size from stored subtrees', () => {
    const tree = treeOf(data);
    for (let n = 0; n <= 300; n++) expect(hex(tree.rootAt(n))).toBe(hex(referenceRoot(data.slice(0, n))));
  });

  it('reproduces the RFC 6962 reference roots for its eight test leaves', () => {
    const leaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
    const tree = treeOf(leaves.map((leaf) => Buffer.from(leaf, 'hex')));
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => hex(tree.rootAt(n)))).toEqual([
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
      'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
      '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
      'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
      '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    ]);
  });

  it('resumes from a store that already holds leaves, as a persistent store would be reopened', () => {
    for (const split of [0, 1, 7, 8, 13, 64, 255]) {
      const store = new InMemoryNodeStore();
      treeOf(data.slice(0, split), store);
      const reopened = new MerkleTree(store);
      expect(reopened.size).toBe(split);
      for (const more of data.slice(split, 300)) reopened.append(leafHash(more));
      expect(hex(reopened.root())).toBe(hex(referenceRoot(data)));
    }
  });

  it('stores the leaf hashes', () => {
    const tree = treeOf(data.slice(0, 10));
    expect(hex(tree.leafHash(7))).toBe(hex(leafHash(data[7])));
  });

  it('hands out copies: mutating a returned hash does not alter the tree', () => {
    const tree = treeOf(data.slice(0, 5));
    const root = hex(tree.root());
    tree.root().fill(0);
    tree.leafHash(0).fill(0);
    tree.inclusionProof(0).forEach((hash) => hash.fill(0));
    expect(hex(tree.root())).toBe(root);
    expect(hex(tree.rootAt(4))).toBe(hex(referenceRoot(data.slice(0, 4))));
  });

  it('refuses bad arguments', () => {
    const tree = treeOf(data.slice(0, 5));
    expect(() => tree.append(new Uint8Array(31))).toThrow(RangeError);
    expect(() => tree.rootAt(6)).toThrow(RangeError);
    expect(() => tree.rootAt(-1)).toThrow(RangeError);
    expect(() => tree.rootAt(1.5)).toThrow(RangeError);
    expect(() => tree.inclusionProof(5)).toThrow(RangeError);
    expect(() => tree.inclusionProof(3, 3)).toThrow(RangeError);
    expect(() => tree.inclusionProof(0, 6)).toThrow(RangeError);
    expect(() => tree.consistencyProof(0, 5)).toThrow(RangeError);
    expect(() => tree.consistencyProof(4, 3)).toThrow(RangeError);
    expect(() => tree.consistencyProof(2, 6)).toThrow(RangeError);
    expect(tree.size).toBe(5);
  });

  it('lets the store refuse an inconsistent append without corrupting the frontier', () => {
    const store = new InMemoryNodeStore();
    expect(() => store.append([leafHash(data[0]), leafHash(data[1])])).toThrow(RangeError);
    const tree = treeOf(data.slice(0, 3), store);
    expect(() => store.append([leafHash(data[3])])).toThrow(/expected 3 nodes/);
    tree.append(leafHash(data[3]));
    expect(hex(tree.root())).toBe(hex(referenceRoot(data.slice(0, 4))));
  });

  describe('at a million leaves', () => {
    const size = 1_000_000;
    const store = new CountingStore();
    const tree = new MerkleTree(store);
    const hashes: Uint8Array[] = [];

    beforeAll(() => {
      for (let i = 0; i < size; i++) {
        const hash = leafHash(Buffer.from(`event-${i}`));
        if (i % 99_991 === 0) hashes[i] = hash;
        tree.append(hash);
      }
    }, 60_000);

    const lookupsOf = (work: () => unknown): number => {
      store.lookups = 0;
      work();
      return store.lookups;
    };

    it('reads O(log n) stored hashes per past root and proof', () => {
      const logN = Math.ceil(Math.log2(size));
      expect(tree.size).toBe(size);
      for (const n of [size, size - 1, 999_983, 524_288, 524_289, 77_777, 3]) {
        expect(lookupsOf(() => tree.rootAt(n))).toBeLessThanOrEqual(logN);
        expect(lookupsOf(() => tree.inclusionProof(n - 1, n))).toBeLessThanOrEqual(2 * logN);
        expect(lookupsOf(() => tree.inclusionProof(0, n))).toBeLessThanOrEqual(2 * logN);
        expect(lookupsOf(() => tree.consistencyProof(Math.ceil(n / 3), n))).toBeLessThanOrEqual(2 * logN);
      }
    });

    it('keeps every leaf where it was appended', () => {
      for (const [index, hash] of hashes.entries()) if (hash) expect(hex(tree.leafHash(index))).toBe(hex(hash));
    });
  });
});
