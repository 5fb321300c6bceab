import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore, type RecordedEvent } from '@ddr/event-store';
import { generateHistory } from '@ddr/history-generator';
import { chainFrom } from '../chain';
import { verifyCheckpoint } from '../checkpoint';
import { parseInclusionProofFile } from '../proof-files';
import { verifyInclusion } from '../verify';
import { LedgerInconsistentError, NotCheckpointedError, SignerMismatchError } from './errors';
import { defaultLedgerKeyFile, loadOrCreateSigningKey, parsePublicKey } from './keys';
import { Ledger } from './ledger';
import { CHECKPOINT_STREAM } from './ledger-events';

const tempDir = () => mkdtempSync(join(tmpdir(), 'ddr-checkpoints-'));

async function storeWith(dataDir: string, commands: number): Promise<SqliteEventStore> {
  const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite'), synchronous: 'NORMAL' });
  for (const append of generateHistory({ seed: 12, commands })) await store.append(append.streamId, append.events);
  return store;
}

const note = (streamId: string) =>
  chainFrom(streamId, undefined, [{ id: crypto.randomUUID(), type: 'MilestoneReached', data: { effectiveDate: '2019-10-01' }, metadata: {} }]).events;

/** The same store seen through a lens that alters one event's data: what a rewritten file would read like. */
function altered(store: EventStore, position: string): EventStore {
  const lens = Object.create(store) as EventStore;
  const change = (event: RecordedEvent) => (event.position === position ? { ...event, data: { ...event.data, effectiveDate: '1999-01-01' } } : event);
  lens.readAll = async (options) => (await store.readAll(options)).map(change);
  lens.readStream = async (...args) => (await store.readStream(...args)).map(change);
  return lens;
}

describe('signed checkpoints', () => {
  it('are signed with a key generated under DATA_DIR/keys with owner-only permissions, and recorded in the log', async () => {
    const dataDir = tempDir();
    const store = await storeWith(dataDir, 60);
    const ledger = new Ledger(store, { dataDir });
    const outcome = (await ledger.checkpoint())!;
    expect(outcome.signed).toBe(true);
    const size = (await store.readAll()).length - 1;
    expect(outcome.checkpoint.checkpoint).toMatchObject({ origin: await ledger.origin(), size });
    expect(() => verifyCheckpoint(outcome.checkpoint.checkpoint, parsePublicKey(outcome.checkpoint.publicKey))).not.toThrow();
    expect(statSync(defaultLedgerKeyFile(dataDir)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'keys')).mode & 0o777).toBe(0o700);
    const [recorded] = await store.readStream(CHECKPOINT_STREAM);
    expect(recorded).toMatchObject({ type: 'CheckpointSigned', position: outcome.checkpoint.position, metadata: { previousHash: null, actor: 'ledger' } });
    await ledger.close();
    await store.close();
  });

  it('are signed again only when events other than the ledger’s own arrived', async () => {
    const dataDir = tempDir();
    const store = await storeWith(dataDir, 40);
    const ledger = new Ledger(store, { dataDir });
    const first = (await ledger.checkpoint())!;
    expect(await ledger.checkpoint()).toEqual({ checkpoint: first.checkpoint, signed: false });
    await store.append('instrument-late', note('instrument-late'));
    const second = (await ledger.checkpoint())!;
    expect(second.signed).toBe(true);
    // It covers the first checkpoint's own event and the new one.
    expect(second.checkpoint.checkpoint.size).toBe(first.checkpoint.checkpoint.size + 2);
    const [, event] = await store.readStream(CHECKPOINT_STREAM);
    expect(event.metadata.previousHash).not.toBeNull();
    await ledger.close();
    await store.close();
  });

  it('are never signed over a log that does not extend the last one, nor with another key', async () => {
    const dataDir = tempDir();
    const store = await storeWith(dataDir, 40);
    const honest = new Ledger(store, { dataDir });
    await honest.checkpoint();
    await honest.close();
    // The tree rebuilt (a fresh ledger file) from a log whose fifth event was rewritten, same key.
    const rebuilt = new Ledger(altered(store, '5'), { dataDir: tempDir(), ledgerKeyFile: defaultLedgerKeyFile(dataDir) });
    await expect(rebuilt.checkpoint()).rejects.toBeInstanceOf(LedgerInconsistentError);
    await expect(rebuilt.checkpoint()).rejects.toThrow(/is not an extension of the last signed checkpoint \(size \d+, position \d+\)/);
    await rebuilt.close();
    // Another operator's key on the same log.
    const usurperDir = tempDir();
    loadOrCreateSigningKey(defaultLedgerKeyFile(usurperDir));
    const usurper = new Ledger(store, { dataDir: usurperDir });
    await expect(usurper.checkpoint()).rejects.toBeInstanceOf(SignerMismatchError);
    await usurper.close();
    // No key at all: refused before any key is made, rather than a new one made silently.
    const keyless = tempDir();
    const restored = new Ledger(store, { dataDir: keyless });
    await expect(restored.checkpoint()).rejects.toThrow(/signed by key .* a new key is never made/);
    expect(existsSync(defaultLedgerKeyFile(keyless))).toBe(false);
    await restored.close();
    expect(await store.readStream(CHECKPOINT_STREAM)).toHaveLength(1);
    await store.close();
  });

  it('back inclusion proofs of checkpointed events only, and refuse an event altered since', async () => {
    const dataDir = tempDir();
    const store = await storeWith(dataDir, 40);
    const ledger = new Ledger(store, { dataDir });
    const events = await store.readAll();
    await expect(ledger.inclusionProof(events[3].id)).rejects.toBeInstanceOf(NotCheckpointedError);
    await ledger.checkpoint();
    const { file } = await ledger.inclusionProof(events[3].id);
    expect(() => verifyInclusion(parseInclusionProofFile(file))).not.toThrow();
    expect(file).toMatchObject({ leafIdx: 3, position: events[3].position, event: { id: events[3].id, stream: events[3].streamId } });
    await store.append('instrument-late', note('instrument-late'));
    await ledger.follower.catchUp();
    const late = (await store.readStream('instrument-late'))[0];
    await expect(ledger.inclusionProof(late.id)).rejects.toMatchObject({ code: 'NOT_CHECKPOINTED' });
    await expect(ledger.inclusionProof('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const lens = new Ledger(altered(store, events[3].position), { dataDir });
    await expect(lens.inclusionProof(events[3].id)).rejects.toThrow(/is not what the ledger took in as leaf 3/);
    await lens.close();
    await ledger.close();
    await store.close();
  });
});
