import { generateKeyPairSync } from 'node:crypto';
import { signCheckpoint, verifyCheckpoint, type SignedCheckpoint } from '../checkpoint';
import { signKeyRotation } from '../key-rotation';
import { leafHash } from '../leaf';
import { MerkleTree } from '../merkle-tree';
import { WitnessRefusalError } from './errors';
import { publicKeyPem, type SigningKey } from './keys';
import { witnessRound, type KeyRotationStatement, type WitnessSource, type WitnessState } from './witness';

const keyPair = (): SigningKey => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, publicKeyPem: publicKeyPem(publicKey) };
};
const operator = keyPair();
const moc = keyPair();
const ORIGIN = 'ddr-coordination-ledger/test';

/** An operator's log in memory: the witness sees it only through the source, as it would over GraphQL. */
class FakeLedger implements WitnessSource {
  tree = new MerkleTree();
  signer = operator;
  readonly submitted: SignedCheckpoint[] = [];

  grow(count: number, label = 'event'): void {
    for (let i = 0; i < count; i++) this.tree.append(leafHash(Buffer.from(`${label}-${this.tree.size}`)));
  }

  async latestCheckpoint() {
    const checkpoint = signCheckpoint({ origin: ORIGIN, size: this.tree.size, root: this.tree.root() }, this.signer.privateKey);
    return { checkpoint, publicKey: this.signer.publicKeyPem };
  }

  async consistencyProof(size1: number, size2: number) {
    return this.tree.consistencyProof(size1, size2);
  }

  async submit(_body: string, { checkpoint }: { checkpoint: SignedCheckpoint }) {
    this.submitted.push(checkpoint);
  }

  readonly rotations: KeyRotationStatement[] = [];

  /** The operator hands signing to `next`, the rotation signed by `signedBy` (the current key, unless forged). */
  rotate(next: SigningKey, signedBy: SigningKey = this.signer): void {
    this.grow(1, 'before-rotation');
    const rotation = signKeyRotation({ origin: ORIGIN, size: this.tree.size, root: this.tree.root(), nextKey: next.publicKey }, signedBy.privateKey);
    this.rotations.push({ rotation, publicKey: signedBy.publicKeyPem, nextPublicKey: next.publicKeyPem, position: String(this.tree.size) });
    this.grow(1, 'rotation');
    this.signer = next;
  }

  async keyRotations(fromSize: number) {
    return this.rotations.filter((r) => r.rotation.size >= fromSize);
  }
}

const round = (source: WitnessSource, state: WitnessState | undefined) =>
  witnessRound(source, { body: 'MOC', key: moc, state, now: new Date('2019-10-09T12:00:00Z') });

describe('a witness round', () => {
  it('co-signs the first checkpoint it sees, pinning the operator’s key, then each one that extends it', async () => {
    const ledger = new FakeLedger();
    ledger.grow(5);
    const first = await round(ledger, undefined);
    expect(first).toMatchObject({
      status: 'cosigned',
      previousSize: null,
      state: { body: 'MOC', operatorKey: operator.publicKeyPem, checkpoint: { size: 5 } },
    });
    expect(() => verifyCheckpoint(ledger.submitted[0], moc.publicKey)).not.toThrow();
    expect(await round(ledger, first.state)).toMatchObject({ status: 'unchanged' });
    ledger.grow(7);
    expect(await round(ledger, first.state)).toMatchObject({ status: 'cosigned', previousSize: 5, state: { checkpoint: { size: 12 } } });
    expect(ledger.submitted).toHaveLength(2);
  });

  it.each<[string, (ledger: FakeLedger) => void, RegExp]>([
    [
      'a log rewritten behind its checkpoint',
      (l) => ((l.tree = new MerkleTree()), l.grow(9, 'rewritten')),
      /is not an extension of the checkpoint of size 5 .*: history was rewritten/,
    ],
    ['a log that lost events', (l) => ((l.tree = new MerkleTree()), l.grow(3)), /co-signed 5 events, and the log now claims 3: events were removed/],
    [
      'the same size with another root',
      (l) => ((l.tree = new MerkleTree()), l.grow(5, 'other')),
      /history was rewritten \(sizes are equal but the roots differ\)/,
    ],
    ['a checkpoint signed by another key', (l) => ((l.signer = keyPair()), l.grow(2)), /signed by another key than the operator this witness trusts/],
  ])('refuses %s, and submits nothing', async (_, change, reason) => {
    const ledger = new FakeLedger();
    ledger.grow(5);
    const { state } = await round(ledger, undefined);
    change(ledger);
    const refusal = round(ledger, state);
    await expect(refusal).rejects.toBeInstanceOf(WitnessRefusalError);
    await expect(refusal).rejects.toThrow(reason);
    expect(ledger.submitted).toHaveLength(1);
  });

  it('refuses a checkpoint whose signature does not verify', async () => {
    const ledger = new FakeLedger();
    ledger.grow(4);
    const forged: WitnessSource = {
      consistencyProof: (size1, size2) => ledger.consistencyProof(size1, size2),
      latestCheckpoint: async () => {
        const { checkpoint, publicKey } = await ledger.latestCheckpoint();
        return { checkpoint: { ...checkpoint, size: 40 }, publicKey };
      },
      submit: (body, cosignature) => ledger.submit(body, cosignature),
      keyRotations: (fromSize) => ledger.keyRotations(fromSize),
    };
    await expect(round(forged, undefined)).rejects.toThrow(/its signature does not verify/);
  });
});

describe('a witness across key rotations', () => {
  it('follows a rotation signed by the key it pinned, co-signs the new key’s checkpoint, and pins the new key', async () => {
    const ledger = new FakeLedger();
    ledger.grow(5);
    const { state } = await round(ledger, undefined);
    const next = keyPair();
    ledger.rotate(next);
    ledger.grow(3);
    const followed = await round(ledger, state);
    expect(followed).toMatchObject({
      status: 'cosigned',
      previousSize: 5,
      rotationsFollowed: 1,
      state: { operatorKey: next.publicKeyPem, checkpoint: { size: 10 } },
    });
    // Pinned now: the old key signs nothing this witness accepts any more.
    ledger.grow(2);
    ledger.signer = operator;
    await expect(round(ledger, followed.state)).rejects.toThrow(/signed by another key than the operator this witness trusts/);
  });

  it('follows several rotations in a row, each signed by the key before it', async () => {
    const ledger = new FakeLedger();
    ledger.grow(4);
    const { state } = await round(ledger, undefined);
    const [second, third] = [keyPair(), keyPair()];
    ledger.rotate(second);
    ledger.rotate(third);
    ledger.grow(1);
    expect(await round(ledger, state)).toMatchObject({ status: 'cosigned', rotationsFollowed: 2, state: { operatorKey: third.publicKeyPem } });
  });

  it.each<[string, (ledger: FakeLedger, next: SigningKey) => void, RegExp]>([
    [
      'a rotation signed by another key',
      (l, next) => l.rotate(next, keyPair()),
      /the key rotation at size \d+ \(position \d+\) is signed by key [0-9a-f]{16}, not by the operator key/,
    ],
    [
      'a rotation that claims the pinned key but carries another key’s signature',
      (l, next) => {
        l.rotate(next, keyPair());
        l.rotations[0] = { ...l.rotations[0], publicKey: operator.publicKeyPem };
      },
      /is not signed by the operator key this witness trusts/,
    ],
    [
      'a rotation over a rewritten history',
      (l, next) => ((l.tree = new MerkleTree()), l.grow(7, 'rewritten'), l.rotate(next)),
      /the key rotation at size 8 .* is not an extension of the checkpoint of size 5/,
    ],
    ['a new key with no rotation at all', (l, next) => ((l.signer = next), l.grow(2)), /no key rotation signed by that operator introduces it/],
  ])('refuses %s, keeps its pinned key and submits nothing', async (_, forge, reason) => {
    const ledger = new FakeLedger();
    ledger.grow(5);
    const { state } = await round(ledger, undefined);
    forge(ledger, keyPair());
    ledger.grow(2);
    const refusal = round(ledger, state);
    await expect(refusal).rejects.toBeInstanceOf(WitnessRefusalError);
    await expect(refusal).rejects.toThrow(reason);
    expect(ledger.submitted).toHaveLength(1);
    expect(state.operatorKey).toBe(operator.publicKeyPem);
  });
});
