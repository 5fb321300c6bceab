import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore, type RecordedEvent } from '@ddr/event-store';
import { generateHistory } from '@ddr/history-generator';
import { encodeBase64 } from '../base64';
import { eventLeafHash } from '../leaf';
import { MerkleTree } from '../merkle-tree';
import { LedgerMismatchError } from './errors';
import { Ledger } from './ledger';

const tempDir = () => mkdtempSync(join(tmpdir(), 'ddr-follower-'));

async function storeWith(dataDir: string, commands: number, seed = 5): Promise<SqliteEventStore> {
  const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite'), synchronous: 'NORMAL' });
  for (const append of generateHistory({ seed, commands })) await store.append(append.streamId, append.events);
  return store;
}

/** The root of the log's events, recomputed in memory from scratch. */
async function rootOf(store: EventStore): Promise<string> {
  const tree = new MerkleTree();
  for (const event of await store.readAll()) tree.append(eventLeafHash(event));
  return encodeBase64(tree.root());
}

describe('the tree follower', () => {
  it('follows the log live in batches, resumes after a restart without skipping or repeating, and matches a recomputation', async () => {
    const dataDir = tempDir();
    const store = await storeWith(dataDir, 300);
    let ledger = new Ledger(store, { dataDir }, { batchSize: 64 });
    await ledger.follower.start();
    const more = generateHistory({ seed: 6, commands: 200 });
    let appended = 0;
    for (const append of more) {
      // Fresh streams only: the seed-6 history shares its meeting streams with seed 5.
      if (append.streamId.startsWith('meetings-')) continue;
      await store.append(append.streamId, append.events);
      if (++appended === 80) {
        await ledger.close();
        ledger = new Ledger(store, { dataDir }, { batchSize: 64 });
        await ledger.follower.start();
      }
    }
    const head = await store.headPosition();
    // The subscription takes the new events in by itself.
    for (let waited = 0; ledger.records.followedTo() !== head && waited < 5_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    expect(ledger.records.followedTo()).toBe(head);
    expect(encodeBase64(ledger.follower.tree.root())).toBe(await rootOf(store));
    const events = await store.readAll();
    expect(ledger.follower.tree.size).toBe(events.length);
    const sample = events[123];
    expect(ledger.records.leavesOf(sample.id)).toEqual([
      { index: 123, eventId: sample.id, streamId: sample.streamId, revision: sample.revision, position: sample.position },
    ]);
    await ledger.close();
    await store.close();
  });

  it('two processes following into the same file build one tree, each leaf once', async () => {
    const dataDir = tempDir();
    const store = await storeWith(dataDir, 400);
    const [one, two] = [new Ledger(store, { dataDir }), new Ledger(store, { dataDir })];
    await Promise.all([one.follower.catchUp(undefined, 37), two.follower.catchUp(undefined, 53)]);
    const root = await rootOf(store);
    for (const ledger of [one, two]) {
      expect(encodeBase64(ledger.follower.tree.root())).toBe(root);
      expect(ledger.follower.tree.size).toBe((await store.readAll()).length);
    }
    await one.close();
    await two.close();
    await store.close();
  });

  it('a batch that fails leaves neither the file nor the tree in memory half-changed', async () => {
    const dataDir = tempDir();
    const store = await storeWith(dataDir, 50);
    const ledger = new Ledger(store, { dataDir });
    const events = await store.readAll();
    ledger.follower.apply(events.slice(0, 10));
    const poisoned = { ...events[15], data: { bad: Number.NaN } } as unknown as RecordedEvent;
    expect(() => ledger.follower.apply([...events.slice(10, 15), poisoned])).toThrow();
    expect(ledger.follower.tree.size).toBe(10);
    expect(ledger.records.followedTo()).toBe(events[9].position);
    await ledger.follower.catchUp();
    expect(encodeBase64(ledger.follower.tree.root())).toBe(await rootOf(store));
    await ledger.close();
    await store.close();
  });

  it('refuses to follow a store that is not the one its file describes', async () => {
    const dataDir = tempDir();
    const store = await storeWith(dataDir, 30);
    const ledger = new Ledger(store, { dataDir });
    await ledger.follower.catchUp();
    await ledger.close();
    // Another store (restored, replaced) beside the same ledger file.
    const other = await storeWith(tempDir(), 20, 9);
    const confused = new Ledger(other, { dataDir });
    await expect(confused.follower.catchUp()).rejects.toBeInstanceOf(LedgerMismatchError);
    await expect(confused.follower.start()).rejects.toMatchObject({ code: 'LEDGER_MISMATCH' });
    await confused.close();
    await other.close();
    await store.close();
  });
});
