import { generateKeyPairSync } from 'node:crypto';
import { signCheckpoint, verifyCheckpoint, type SignedCheckpoint } from '../checkpoint';
import { leafHash } from '../leaf';
import { MerkleTree } from '../merkle-tree';
import { WitnessRefusalError } from './errors';
import { publicKeyPem, type SigningKey } from './keys';
import { witnessRound, type WitnessSource, type WitnessState } from './witness';

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
    };
    await expect(round(forged, undefined)).rejects.toThrow(/its signature does not verify/);
  });
});
