import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@ddr/event-store';
import { checkpointFile, decodeBase64, eventLeafHash, MerkleTree, signCheckpoint, signKeyRotation } from '@ddr/ledger';
import { appendChained, CHECKPOINT_STREAM, checkpointSignedEvent, keyRotatedEvent, loadOrCreateSigningKey, readSigningKey } from '@ddr/ledger/live';
import { ROOT } from '../support/built';
import { appendLater, ddr, rows, storeWithHistory, succeeded, tempDir } from './ledger-fixture';

/** The auditor's standalone script, as an auditor runs it. */
const verifier = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'tools', 'verify-ledger.mjs'), ...args], { encoding: 'utf8' });

/**
 * The operator rotates the checkpoint key: the outgoing key signs the hand-over, recorded in the log with
 * its reason; old checkpoints still verify with the old key, new ones with the new key, and the chain of
 * custody between them is checked by `ledger verify`, the standalone script and the witnesses. A rotation
 * signed by any other key is reported by all three.
 */
describe('rotating the ledger’s checkpoint key', () => {
  const dataDir = tempDir('rotated');
  const files = tempDir('rotation-files');
  const file = (name: string) => join(files, name);
  const witnessArgs = (state: string) => ['ledger', 'witness', '--body', 'MOC', '--key', file('moc.pem'), '--state', file(state)];
  let origin: string;
  let rotationPosition: string;

  beforeAll(async () => {
    await storeWithHistory(dataDir, 200, 17);
    writeFileSync(file('old-checkpoint.json'), succeeded(ddr(dataDir, ['ledger', 'checkpoint'])).stdout);
    const published = succeeded(ddr(dataDir, ['ledger', 'public-key']));
    writeFileSync(file('old.pem'), published.stdout);
    origin = /origin: (\S+)/.exec(published.stderr)![1];
    succeeded(ddr(dataDir, witnessArgs('moc-state.json')));
    cpSync(join(dataDir, 'keys', 'ledger-ed25519.pem'), file('old-private.pem'));
  }, 60_000);

  it('records the hand-over signed by the old key, with its reason, and the new key signs at once', () => {
    const rotated = ddr(dataDir, ['ledger', 'key', 'rotate', '--reason', 'the server disk left the building for repair']);
    expect(rotated.stderr).toMatch(
      /^checkpoint key [0-9a-f]{16} handed over to [0-9a-f]{16} at size \d+, recorded at position (\d+) and signed by the outgoing key$/m,
    );
    expect(rotated.stderr).toMatch(/^the new key signed the checkpoint of size \d+ at position \d+$/m);
    expect(rotated.code).toBe(0);
    rotationPosition = /recorded at position (\d+)/.exec(rotated.stderr)![1];
    const keys = rotated.stdout.trim().split('\n');
    expect(keys).toEqual([
      expect.stringMatching(/^[0-9a-f]{16}\tretired\tfirst key$/),
      expect.stringMatching(/^[0-9a-f]{16}\tcurrent\tsize \d+, \S+: the server disk left the building for repair$/),
    ]);
    expect(succeeded(ddr(dataDir, ['ledger', 'key', 'list'])).stdout).toBe(rotated.stdout);
    const [rotation] = rows(dataDir).filter((row) => String(row.position) === rotationPosition);
    expect(rotation).toMatchObject({ stream_id: 'ledger-checkpoints' });
    expect(JSON.parse(rotation.data)).toMatchObject({
      publicKey: readFileSync(file('old.pem'), 'utf8').trim() + '\n',
      reason: 'the server disk left the building for repair',
    });

    const published = succeeded(ddr(dataDir, ['ledger', 'public-key']));
    writeFileSync(file('new.pem'), published.stdout);
    expect(published.stdout).not.toBe(readFileSync(file('old.pem'), 'utf8'));
    // The origin outlives the key.
    expect(published.stderr).toContain(`origin: ${origin}`);
  });

  it('old checkpoints verify with the old key, new ones with the new key, with tools/verify-ledger.mjs', async () => {
    await appendLater(dataDir, 'instrument-after-rotation', 3);
    writeFileSync(file('new-checkpoint.json'), succeeded(ddr(dataDir, ['ledger', 'checkpoint'])).stdout);
    expect(JSON.parse(readFileSync(file('new-checkpoint.json'), 'utf8'))).toMatchObject({ origin });
    expect(verifier('checkpoint', file('old-checkpoint.json'), file('old.pem')).stdout).toMatch(/^VALID: /);
    expect(verifier('checkpoint', file('new-checkpoint.json'), file('new.pem')).stdout).toMatch(/^VALID: /);
    expect(verifier('checkpoint', file('old-checkpoint.json'), file('new.pem')).stdout).toMatch(/^INVALID: signature does not match/);

    succeeded(ddr(dataDir, ['export', '--format', 'jsonl', '--out', file('log.jsonl')]));
    for (const [checkpoint, key] of [
      ['old-checkpoint.json', 'old.pem'],
      ['new-checkpoint.json', 'new.pem'],
    ]) {
      const verdict = verifier('log', file('log.jsonl'), file(checkpoint), file(key));
      expect(verdict.stdout).toMatch(
        /^VALID: the log of \d+ events in \d+ streams has intact hash chains and root \S+; its 3 checkpoint\(s\) verify, signed by keys [0-9a-f]{16} -> [0-9a-f]{16}, each rotation signed by the key before it; its first \d+ events are the checkpoint's, signed by the key\n$/,
      );
      expect(verdict.status).toBe(0);
    }
    // The old key, stolen, signs a true checkpoint after it was rotated out: not this log's.
    const { origin: o, size, root } = JSON.parse(readFileSync(file('new-checkpoint.json'), 'utf8')) as { origin: string; size: number; root: string };
    const stolen = signCheckpoint({ origin: o, size, root: decodeBase64(root)! }, readSigningKey(file('old-private.pem')).privateKey);
    writeFileSync(file('stolen-checkpoint.json'), JSON.stringify(checkpointFile(stolen)));
    expect(verifier('checkpoint', file('stolen-checkpoint.json'), file('old.pem')).stdout).toMatch(/^VALID: /);
    expect(verifier('log', file('log.jsonl'), file('stolen-checkpoint.json'), file('old.pem')).stdout).toMatch(
      new RegExp(`^INVALID: the key given signed the log's checkpoints of sizes 0 to \\d+, not ${size}: it was rotated out before\n$`),
    );
  });

  it('ledger verify checks the chain of custody and a checkpoint saved before the rotation', () => {
    const verified = ddr(dataDir, ['ledger', 'verify', '--checkpoint', file('old-checkpoint.json')]);
    expect(verified.stdout).toMatch(
      new RegExp(
        `^key rotation: size \\d+ at position ${rotationPosition}: key [0-9a-f]{16} to [0-9a-f]{16}: valid \\(the server disk left the building for repair\\)$`,
        'm',
      ),
    );
    expect(verified.stdout).toMatch(/^saved checkpoint: size \d+: the log extends it$/m);
    expect(verified.stdout).toMatch(/^OK: /m);
    expect(verified.code).toBe(0);
  });

  it('a witness that pinned the old key follows the rotation and pins the new key', () => {
    const followed = ddr(dataDir, witnessArgs('moc-state.json'));
    expect(followed.stderr).toMatch(
      /MOC co-signed the checkpoint of size \d+: it extends size \d+, through 1 key rotation\(s\) each signed by the key trusted before/,
    );
    expect(followed.code).toBe(0);
    const state = JSON.parse(readFileSync(file('moc-state.json'), 'utf8')) as { operatorKey: string };
    expect(state.operatorKey).toBe(readFileSync(file('new.pem'), 'utf8'));
  });

  describe('a rotation signed by another key than the current one', () => {
    const forgedDir = tempDir('forged-rotation');

    beforeAll(async () => {
      cpSync(dataDir, forgedDir, { recursive: true });
      // Someone who can write the store, but holds no checkpoint key, hands signing to a key of theirs.
      const store = new SqliteEventStore({ file: join(forgedDir, 'events.sqlite'), synchronous: 'NORMAL' });
      const theirs = loadOrCreateSigningKey(join(files, 'theirs.pem'));
      const treeOfLog = async () => {
        const tree = new MerkleTree();
        for (const event of await store.readAll()) tree.append(eventLeafHash(event));
        return tree;
      };
      let tree = await treeOfLog();
      const claimed = readFileSync(file('new.pem'), 'utf8');
      const rotation = signKeyRotation({ origin, size: tree.size, root: tree.root(), nextKey: theirs.publicKey }, theirs.privateKey);
      await appendChained(store, CHECKPOINT_STREAM, () => [keyRotatedEvent(rotation, claimed, theirs.publicKeyPem, 'routine', new Date())]);
      await appendLater(forgedDir, 'instrument-after-forgery', 2);
      tree = await treeOfLog();
      const checkpoint = signCheckpoint({ origin, size: tree.size, root: tree.root() }, theirs.privateKey);
      await appendChained(store, CHECKPOINT_STREAM, () => [checkpointSignedEvent(checkpoint, theirs.publicKeyPem, new Date())]);
      await store.close();
    }, 60_000);

    it('is reported by ledger verify, with every checkpoint of the key it names', () => {
      const verified = ddr(forgedDir, ['ledger', 'verify']);
      expect(verified.stdout).toMatch(
        /^BREAK \[rotation\] stream ledger-checkpoints revision \d+ \(position \d+\) \(key rotation of size \d+\) signature does not match/m,
      );
      expect(verified.stdout).toMatch(
        /^BREAK \[checkpoint\] stream ledger-checkpoints revision \d+ \(position \d+\) \(checkpoint of size \d+\) is signed by another key than the operator’s at this point: key [0-9a-f]{16}, which no valid key rotation introduced/m,
      );
      expect(verified.stdout).toMatch(/^key rotation: size \d+ at position \d+: key [0-9a-f]{16} to [0-9a-f]{16}: INVALID \(routine\)$/m);
      expect(verified.code).toBe(1);
    });

    it('is reported by tools/verify-ledger.mjs', () => {
      succeeded(ddr(forgedDir, ['export', '--format', 'jsonl', '--out', file('forged.jsonl')]));
      const verdict = verifier('log', file('forged.jsonl'));
      expect(verdict.stdout).toMatch(
        /^INVALID: line \d+ \(stream ledger-checkpoints revision \d+\): the key rotation's signature does not match it and the key it names \([0-9a-f]{16}\)\n$/,
      );
      expect(verdict.status).toBe(1);
    });

    it('is refused by the witness, which co-signs nothing and keeps the key it pinned', () => {
      const before = readFileSync(file('moc-state.json'), 'utf8');
      const cosignatures = () => rows(forgedDir).filter((row) => row.stream_id === 'ledger-witness-MOC').length;
      const count = cosignatures();
      const refused = ddr(forgedDir, witnessArgs('moc-state.json'));
      expect(refused.stderr).toMatch(
        /^REFUSED: MOC refuses to co-sign the checkpoint of size \d+: the key rotation at size \d+ \(position \d+\) is not signed by the operator key this witness trusts/m,
      );
      expect(refused.code).toBe(1);
      expect(cosignatures()).toBe(count);
      expect(readFileSync(file('moc-state.json'), 'utf8')).toBe(before);
    });
  });
});
