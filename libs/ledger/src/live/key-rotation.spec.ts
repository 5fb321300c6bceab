import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ddr/event-store';
import { generateHistory } from '@ddr/history-generator';
import { chainFrom } from '../chain';
import { signCheckpoint, verifyCheckpoint } from '../checkpoint';
import { signKeyRotation, verifyKeyRotation } from '../key-rotation';
import { appendChained } from './chained-append';
import { rotateCheckpointKey } from './checkpoints';
import { LedgerInputError, SignerMismatchError } from './errors';
import {
  defaultLedgerKeyFile,
  keyFingerprint,
  loadOrCreateSigningKey,
  parsePublicKey,
  publicKeyPem,
  readSigningKey,
  stagedKeyFile,
  type SigningKey,
} from './keys';
import { Ledger } from './ledger';
import { CHECKPOINT_STREAM, checkpointSignedEvent, keyRotatedEvent, readKeyRotationEvent } from './ledger-events';
import { verifyLog } from './log-verifier';

const tempDir = () => mkdtempSync(join(tmpdir(), 'ddr-key-rotation-'));
const keyPair = (): SigningKey => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, publicKeyPem: publicKeyPem(publicKey) };
};

async function storeWith(dataDir: string, commands: number): Promise<SqliteEventStore> {
  const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite'), synchronous: 'NORMAL' });
  for (const append of generateHistory({ seed: 5, commands })) await store.append(append.streamId, append.events);
  return store;
}

/** A store of generated history, its ledger, and the ledger's first checkpoint. */
async function checkpointed(commands = 30) {
  const dataDir = tempDir();
  const store = await storeWith(dataDir, commands);
  const ledger = new Ledger(store, { dataDir });
  const first = (await ledger.checkpoint())!.checkpoint;
  return { dataDir, store, ledger, first };
}

const later = (store: SqliteEventStore, streamId: string) =>
  store.append(
    streamId,
    chainFrom(streamId, undefined, [{ id: crypto.randomUUID(), type: 'MilestoneReached', data: { effectiveDate: '2019-10-09' }, metadata: {} }]).events,
  );

describe('rotating the checkpoint key', () => {
  it('records a rotation signed by the old key naming the new one, keeps the origin, and goes on signing with the new key', async () => {
    const { dataDir, store, ledger, first: before } = await checkpointed(40);
    const origin = await ledger.origin();
    const old = await ledger.signingKey();

    const { rotation, checkpoint } = await ledger.rotateKey('the server disk was copied by a contractor');
    const current = await ledger.signingKey();
    expect(current.publicKey.equals(old.publicKey)).toBe(false);
    expect(rotation).toMatchObject({ publicKey: old.publicKeyPem, nextPublicKey: current.publicKeyPem, reason: 'the server disk was copied by a contractor' });
    expect(() => verifyKeyRotation(rotation.rotation, old.publicKey)).not.toThrow();
    expect(() => verifyKeyRotation(rotation.rotation, current.publicKey)).toThrow(/signature/);
    // The new key is in the old one's place, owner-only, and nothing waits beside it.
    expect(readSigningKey(defaultLedgerKeyFile(dataDir)).publicKey.equals(current.publicKey)).toBe(true);
    expect(statSync(defaultLedgerKeyFile(dataDir)).mode & 0o777).toBe(0o600);
    expect(existsSync(stagedKeyFile(defaultLedgerKeyFile(dataDir)))).toBe(false);
    // The new key vouches at once for the log with the rotation in it, under the same origin.
    expect(checkpoint).toMatchObject({ publicKey: current.publicKeyPem, checkpoint: { origin, size: rotation.rotation.size + 1 } });
    expect(await ledger.origin()).toBe(origin);
    expect(origin).toContain(keyFingerprint(old.publicKey));

    await later(store, 'instrument-after-rotation');
    const next = (await ledger.checkpoint())!;
    expect(next).toMatchObject({ signed: true, checkpoint: { publicKey: current.publicKeyPem, checkpoint: { origin } } });
    // The old checkpoint still verifies with the old key: nothing before the rotation changed.
    expect(() => verifyCheckpoint(before.checkpoint, old.publicKey)).not.toThrow();

    const report = await verifyLog(store, { operatorKey: current.publicKey, saved: before.checkpoint });
    expect(report).toMatchObject({
      ok: true,
      saved: { consistent: true },
      rotations: [{ valid: true, from: keyFingerprint(old.publicKey), to: keyFingerprint(current.publicKey) }],
    });
    expect(report.checkpoints.map((c) => c.valid)).toEqual([true, true, true]);
    await ledger.close();
    await store.close();
  });

  it('rotates again and again along one chain, and answers the rotations from a size on', async () => {
    const { store, ledger, first } = await checkpointed();
    const { rotation: one } = await ledger.rotateKey('first rotation');
    await later(store, 'instrument-between');
    const { rotation: two } = await ledger.rotateKey('second rotation');
    expect(two.publicKey).toBe(one.nextPublicKey);
    expect((await ledger.keyRotations()).map((r) => r.reason)).toEqual(['first rotation', 'second rotation']);
    expect((await ledger.keyRotations(one.rotation.size + 1)).map((r) => r.reason)).toEqual(['second rotation']);
    const report = await verifyLog(store, { operatorKey: (await ledger.signingKey()).publicKey, saved: first.checkpoint });
    expect(report).toMatchObject({ ok: true, saved: { consistent: true } });
    expect(report.rotations.map((r) => r.valid)).toEqual([true, true]);
    // This DATA_DIR's key must end the chain: the first key no longer does.
    const stale = await verifyLog(store, { operatorKey: parsePublicKey(first.publicKey) });
    expect(stale.breaks).toEqual([
      expect.objectContaining({ kind: 'checkpoint', message: expect.stringMatching(/after 2 key rotation\(s\), this DATA_DIR's is/) }),
    ]);
    await ledger.close();
    await store.close();
  });

  it('a ledger opened before the rotation (the running server) takes up the new key, and the old key signs nothing more', async () => {
    const { dataDir, store, ledger: server } = await checkpointed();
    const oldKeyFile = join(tempDir(), 'old.pem');
    copyFileSync(defaultLedgerKeyFile(dataDir), oldKeyFile);
    const cli = new Ledger(store, { dataDir });
    const { rotation } = await cli.rotateKey('yearly rotation');
    await cli.close();

    await later(store, 'instrument-late');
    expect((await server.checkpoint())!.checkpoint.publicKey).toBe(rotation.nextPublicKey);
    const stolen = new Ledger(store, { dataDir: tempDir(), ledgerKeyFile: oldKeyFile });
    await later(store, 'instrument-later');
    await expect(stolen.checkpoint()).rejects.toBeInstanceOf(SignerMismatchError);
    await expect(stolen.checkpoint()).rejects.toThrow(
      /the last signed checkpoint \(size \d+, position \d+\) was signed by key [0-9a-f]{16}, and this signer holds/,
    );
    await expect(stolen.rotateKey('taking over')).rejects.toBeInstanceOf(LedgerInputError);
    await stolen.close();
    await server.close();
    await store.close();
  });

  it('finishes a rotation interrupted after the log recorded it: the staged key takes the old one’s place', async () => {
    const { dataDir, store, ledger } = await checkpointed();
    const file = defaultLedgerKeyFile(dataDir);
    const staged = loadOrCreateSigningKey(stagedKeyFile(file));
    // The rotation recorded, then the process died before renaming the staged key.
    await rotateCheckpointKey({ store, follower: ledger.follower, key: await ledger.signingKey(), origin: await ledger.origin() }, staged, 'interrupted');
    await ledger.close();
    const restarted = new Ledger(store, { dataDir });
    expect((await restarted.signingKey()).publicKey.equals(staged.publicKey)).toBe(true);
    expect(readSigningKey(file).publicKey.equals(staged.publicKey)).toBe(true);
    expect(existsSync(stagedKeyFile(file))).toBe(false);
    await later(store, 'instrument-late');
    expect((await restarted.checkpoint())!.checkpoint.publicKey).toBe(staged.publicKeyPem);
    await restarted.close();
    await store.close();
  });

  it('with LEDGER_KEY_FILE, takes the next key from --new-key only, and leaves the operator’s files alone', async () => {
    const dataDir = tempDir();
    const store = await storeWith(dataDir, 30);
    const keys = tempDir();
    const [oldFile, newFile] = [join(keys, 'old.pem'), join(keys, 'new.pem')];
    loadOrCreateSigningKey(oldFile);
    loadOrCreateSigningKey(newFile);
    const ledger = new Ledger(store, { dataDir, ledgerKeyFile: oldFile });
    await ledger.checkpoint();
    const head = await store.headPosition();
    await expect(ledger.rotateKey('no next key given')).rejects.toThrow(/give the next one with --new-key FILE/);
    await expect(ledger.rotateKey('   ', newFile)).rejects.toThrow(/needs a reason/);
    expect(await store.headPosition()).toBe(head);
    const oldPem = readFileSync(oldFile, 'utf8');
    const { rotation } = await ledger.rotateKey('moved to the hardware token', newFile);
    expect(readFileSync(oldFile, 'utf8')).toBe(oldPem);
    expect(rotation.nextPublicKey).toBe(readSigningKey(newFile).publicKeyPem);
    await ledger.close();
    // A server still pointed at the old file refuses, and says what to do.
    const stale = new Ledger(store, { dataDir, ledgerKeyFile: oldFile });
    await later(store, 'instrument-late');
    await expect(stale.checkpoint()).rejects.toThrow(/was signed by key [0-9a-f]{16}, and this signer holds [0-9a-f]{16}/);
    await stale.close();
    const repointed = new Ledger(store, { dataDir, ledgerKeyFile: newFile });
    expect((await repointed.checkpoint())!.signed).toBe(true);
    await repointed.close();
    await store.close();
  });

  it('ledger verify reports a rotation signed by another key, and every checkpoint of the key it names', async () => {
    const { store, ledger, first } = await checkpointed();
    await ledger.follower.catchUp();
    // Someone without the operator's key forges a hand-over to a key of theirs, and signs with it.
    const theirsFile = join(tempDir(), 'theirs.pem');
    const [forger, theirs] = [keyPair(), loadOrCreateSigningKey(theirsFile)];
    const tree = ledger.follower.tree;
    const origin = first.checkpoint.origin;
    const forged = signKeyRotation({ origin, size: tree.size, root: tree.root(), nextKey: theirs.publicKey }, forger.privateKey);
    await appendChained(store, CHECKPOINT_STREAM, () => [keyRotatedEvent(forged, first.publicKey, theirs.publicKeyPem, 'routine', new Date())]);
    await later(store, 'instrument-late');
    const usurper = new Ledger(store, { dataDir: tempDir(), ledgerKeyFile: theirsFile });
    await expect(usurper.checkpoint()).rejects.toThrow(/does not carry a valid signature/);
    await usurper.close();
    const afterForgery = signCheckpointAs(theirs, origin, ledger);
    await appendChained(store, CHECKPOINT_STREAM, async () => [await afterForgery]);

    const report = await verifyLog(store);
    expect(report.ok).toBe(false);
    expect(report.breaks.map((b) => b.kind)).toEqual(['rotation', 'checkpoint']);
    expect(report.breaks[0].message).toMatch(/\(key rotation of size \d+\) signature does not match the key rotation and the outgoing key/);
    expect(report.breaks[1].message).toMatch(
      /is signed by another key than the operator’s at this point: key [0-9a-f]{16}, which no valid key rotation introduced/,
    );
    expect(report.rotations).toEqual([expect.objectContaining({ valid: false, to: keyFingerprint(theirs.publicKey) })]);
    expect(report.checkpoints.map((c) => c.valid)).toEqual([true, false]);
    // The rotation read back is what was forged: the old key's name on it, another key's signature.
    const [, recorded] = await store.readStream(CHECKPOINT_STREAM);
    expect(readKeyRotationEvent(recorded).publicKey).toBe(first.publicKey);
    expect(() => verifyKeyRotation(readKeyRotationEvent(recorded).rotation, parsePublicKey(first.publicKey))).toThrow();
    await ledger.close();
    await store.close();
  });
});

/** A checkpoint of the whole log as it is, signed by `key`: what a forger appends after a forged rotation. */
async function signCheckpointAs(key: SigningKey, origin: string, ledger: Ledger) {
  await ledger.follower.catchUp();
  const tree = ledger.follower.tree;
  return checkpointSignedEvent(signCheckpoint({ origin, size: tree.size, root: tree.root() }, key.privateKey), key.publicKeyPem, new Date());
}
