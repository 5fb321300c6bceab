import { BODIES } from '@ddr/kernel';
import { openEventStore, type EventStore } from '@ddr/event-store';
import { Ledger } from '@ddr/ledger/live';
import type { Settings } from '@ddr/settings';
import { Progress } from '../../progress';

/** Runs `work` with the ledger of DATA_DIR's store, its tree first brought up to the log's head. */
export async function withLedger<T>(settings: Settings, work: (ledger: Ledger, store: EventStore) => Promise<T>): Promise<T> {
  const store = openEventStore(settings);
  const ledger = new Ledger(store, settings, { witnesses: BODIES });
  try {
    const progress = new Progress('updating the ledger tree', (text) => process.stderr.write(text));
    const before = ledger.follower.tree.size;
    // Quiet when there is little to take in, as after every command but the first.
    const size = await ledger.follower.catchUp((reached) => reached - before >= 2_000 && progress.update(reached - before, 0));
    if (size - before > 2_000) progress.finish(size - before);
    return await work(ledger, store);
  } finally {
    await ledger.close();
    await store.close();
  }
}

export const json = (value: unknown) => JSON.stringify(value, null, 2);
