import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ddr/event-store';
import { generateHistory } from '@ddr/history-generator';
import { Upcasters } from '@ddr/kernel';
import { openReadModel } from '../open-read-model';
import { PROJECTIONS } from '../projections';
import type { ReadModelDb } from '../read-model-db';
import { rebuildReadModel } from '../rebuild';

/**
 * The read model of a generated history, unplanned: its calendar advances a day a command, so waits and grades last
 * from days to years, over many months, with late acts and corrections among them; confidential, two instruments in
 * three are restricted. Not in the testing barrel: the generator runs the write side's deciders.
 */
export async function generatedReadModel(seed: number, commands: number, confidential = false): Promise<ReadModelDb> {
  const dir = mkdtempSync(join(tmpdir(), 'ddr-generated-'));
  const store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
  for (const append of generateHistory({ seed, commands, confidential })) await store.append(append.streamId, append.events);
  await rebuildReadModel(store, join(dir, 'read-model.sqlite'), new Upcasters());
  await store.close();
  return openReadModel(join(dir, 'read-model.sqlite'), PROJECTIONS);
}
