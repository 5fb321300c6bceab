import { decodeBase64, encodeBase64 } from './base64';
import { canonicalJsonBytes } from './canonical-json';
import { generateKeyPairSync } from 'node:crypto';
import { signCheckpoint } from './checkpoint';
import { eventLeafHash, leafContent, leafData, leafHash } from './leaf';
import { MerkleTree } from './merkle-tree';
import {
  checkpointFile,
  consistencyProofFile,
  inclusionProofFile,
  parseCheckpointFile,
  parseConsistencyProofFile,
  parseInclusionProofFile,
  ProofFileError,
} from './proof-files';
import { verifyConsistency, verifyInclusion } from './verify';

const event = {
  streamId: 'instrument-redeployment-plan-2019',
  revision: 1,
  id: '0b6f4d8e-3c1a-4b8e-9a57-6f2d1e0c9b11',
  type: 'StepDecided',
  data: { instrumentId: 'redeployment-plan-2019', step: 1, body: 'CTS', meeting: 'CTS-41' },
  metadata: { actor: 'cts-secretariat', effectiveDate: '2019-09-25' },
};

describe('strict base64', () => {
  it.each(['', 'AA==', 'AAA=', 'AAAA', 'ZG9uJ3QgY2FyZSAy'])('decodes %p', (text) => {
    expect(encodeBase64(decodeBase64(text)!)).toBe(text);
  });

  it.each(['A', 'AA', 'AA=', 'AB==', 'AAB=', 'AA==AA==', ' AAAA', 'AAAA\n', 'AA-_', 'A===', 42, null])('refuses %p', (text) => {
    expect(decodeBase64(text)).toBeUndefined();
  });
});

describe('proof files', () => {
  const tree = new MerkleTree();
  tree.append(leafHash(Buffer.from('first')));
  tree.append(eventLeafHash(event));
  tree.append(leafHash(Buffer.from('third')));

  const inclusion = { leafIndex: 1, treeSize: 3, leafHash: eventLeafHash(event), proof: tree.inclusionProof(1), root: tree.root() };

  it('round-trips an inclusion proof, naming the leaf by hash and by event', () => {
    const file = JSON.parse(JSON.stringify(inclusionProofFile(inclusion, { event: leafContent(event) })));
    expect(Object.keys(file)).toEqual(['leafIdx', 'treeSize', 'root', 'leafHash', 'event', 'proof']);
    expect(() => verifyInclusion(parseInclusionProofFile(file))).not.toThrow();
    const { leafHash: _, ...byEventOnly } = file;
    expect(() => verifyInclusion(parseInclusionProofFile(byEventOnly))).not.toThrow();
    const byData = { ...byEventOnly, event: undefined, leafData: encodeBase64(leafData(event)) };
    expect(() => verifyInclusion(parseInclusionProofFile(JSON.parse(JSON.stringify(byData))))).not.toThrow();
  });

  it('refuses a file whose leaf names disagree or are missing', () => {
    const file = inclusionProofFile(inclusion, { event: leafContent(event) });
    expect(() => parseInclusionProofFile({ ...file, leafHash: encodeBase64(leafHash(Buffer.from('x'))) })).toThrow(ProofFileError);
    expect(() => parseInclusionProofFile({ ...file, leafData: encodeBase64(canonicalJsonBytes({ other: 1 })) })).toThrow(ProofFileError);
    expect(() => parseInclusionProofFile({ ...file, leafHash: undefined, event: undefined })).toThrow(/required/);
  });

  it('refuses an event with extra or missing fields', () => {
    const file = inclusionProofFile(inclusion, { event: leafContent(event) });
    expect(() => parseInclusionProofFile({ ...file, event: { ...leafContent(event), position: '17' } })).toThrow(ProofFileError);
    const { metadata: _, ...partial } = leafContent(event);
    expect(() => parseInclusionProofFile({ ...file, event: partial })).toThrow(ProofFileError);
  });

  it('round-trips a consistency proof', () => {
    const file = consistencyProofFile({ size1: 2, size2: 3, root1: tree.rootAt(2), root2: tree.root(), proof: tree.consistencyProof(2) });
    expect(Object.keys(file)).toEqual(['size1', 'size2', 'root1', 'root2', 'proof']);
    expect(() => verifyConsistency(parseConsistencyProofFile(JSON.parse(JSON.stringify(file))))).not.toThrow();
  });

  it('reads a null proof as empty, as Go writes it', () => {
    const root = encodeBase64(tree.rootAt(1));
    expect(parseConsistencyProofFile({ size1: 1, size2: 1, root1: root, root2: root, proof: null }).proof).toEqual([]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a missing proof', { proof: undefined }],
    ['a proof that is not an array', { proof: 'AAAA' }],
    ['a proof element that is not base64', { proof: ['not base64!'] }],
    // eslint-disable-next-line no-loss-of-precision -- the point: a size JSON can carry but no safe integer can
    ['a size beyond 2^53', { size2: 18446744073709551615 }],
    ['a size given as a string', { size1: '2' }],
    ['a negative size', { size1: -2 }],
    ['a root that is not a string', { root1: 7 }],
  ])('refuses %s', (_, change) => {
    const file = consistencyProofFile({ size1: 2, size2: 3, root1: tree.rootAt(2), root2: tree.root(), proof: tree.consistencyProof(2) });
    expect(() => parseConsistencyProofFile({ ...file, ...change })).toThrow(ProofFileError);
  });

  it.each([null, [], 'x', 3])('refuses %p as a file', (json) => {
    expect(() => parseInclusionProofFile(json)).toThrow(ProofFileError);
  });

  it('round-trips a checkpoint', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const signed = signCheckpoint({ origin: 'o', size: 3, root: tree.root() }, privateKey);
    const file = checkpointFile(signed);
    expect(Object.keys(file)).toEqual(['origin', 'size', 'root', 'signature']);
    const parsed = parseCheckpointFile(JSON.parse(JSON.stringify(file)));
    expect(encodeBase64(parsed.signature)).toBe(encodeBase64(signed.signature));
    expect(parsed.size).toBe(3);
  });
});
