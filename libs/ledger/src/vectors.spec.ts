import { encodeBase64 } from './base64';
import { leafHash } from './leaf';
import { MerkleTree } from './merkle-tree';
import { parseConsistencyProofFile, parseInclusionProofFile, ProofFileError } from './proof-files';
import { loadRfc9162Vectors } from './testing/rfc9162-vectors';
import { ProofError, verifyConsistency, verifyInclusion } from './verify';

const vectors = loadRfc9162Vectors();

/** Parses and verifies one vector file exactly as an application would. */
function check(kind: 'inclusion' | 'consistency', json: unknown): void {
  if (kind === 'inclusion') verifyInclusion(parseInclusionProofFile(json));
  else verifyConsistency(parseConsistencyProofFile(json));
}

describe('RFC 9162 test vectors (shared/vectors/rfc9162) with libs/ledger verify.ts', () => {
  it('finds both kinds of vector, happy and mutated', () => {
    expect(vectors.filter((v) => v.kind === 'inclusion').length).toBeGreaterThan(50);
    expect(vectors.filter((v) => v.kind === 'consistency').length).toBeGreaterThan(50);
    expect(vectors.filter((v) => !v.wantErr).length).toBeGreaterThan(5);
  });

  it.each(vectors.filter((v) => !v.wantErr).map((v) => [v.name, v] as const))('accepts %s', (_, vector) => {
    expect(() => check(vector.kind, vector.json)).not.toThrow();
  });

  it.each(vectors.filter((v) => v.wantErr).map((v) => [v.name, v] as const))('rejects %s', (_, vector) => {
    let error: unknown;
    try {
      check(vector.kind, vector.json);
    } catch (caught) {
      error = caught;
    }
    // Refused as a bad proof or a malformed file, never by an unexpected crash.
    expect(error instanceof ProofError || error instanceof ProofFileError).toBe(true);
  });
});

describe('the tree regenerates the happy-path vectors', () => {
  // The RFC 6962 reference leaves, from which transparency-dev built these vectors.
  const leaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
  const tree = new MerkleTree();
  for (const leaf of leaves) tree.append(leafHash(Buffer.from(leaf, 'hex')));

  const happy = (kind: string) =>
    vectors.filter((v) => v.kind === kind && !v.wantErr && v.name.endsWith('/happy-path.json')).map((v) => [v.name, v.json] as const);

  it.each(happy('inclusion'))('%s', (_, json) => {
    const proof = parseInclusionProofFile(json);
    expect(encodeBase64(tree.leafHash(proof.leafIndex))).toBe(encodeBase64(proof.leafHash));
    expect(encodeBase64(tree.rootAt(proof.treeSize))).toBe(encodeBase64(proof.root));
    expect(tree.inclusionProof(proof.leafIndex, proof.treeSize).map(encodeBase64)).toEqual(proof.proof.map(encodeBase64));
  });

  it.each(happy('consistency'))('%s', (_, json) => {
    const proof = parseConsistencyProofFile(json);
    expect(encodeBase64(tree.rootAt(proof.size1))).toBe(encodeBase64(proof.root1));
    expect(encodeBase64(tree.rootAt(proof.size2))).toBe(encodeBase64(proof.root2));
    expect(tree.consistencyProof(proof.size1, proof.size2).map(encodeBase64)).toEqual(proof.proof.map(encodeBase64));
  });
});
