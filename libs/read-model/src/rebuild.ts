import { existsSync, renameSync, rmSync } from 'node:fs';
import { pagesOf, type EventStore } from '@ddr/event-store';
import type { Upcasters } from '@ddr/kernel';
import { openReadModel } from './open-read-model';
import { PROJECTIONS } from './projections';
import { Projector } from './projector';
import { readAppliedUpTo, type AppliedUpTo } from './read-model-db';

export interface RebuildProgress {
  applied: number;
  /** How many events the previous read model had applied: the best guess of the total, 0 when unknown. */
  expected: number;
}

/**
 * Builds a fresh read model of every projection from position 0 beside the
 * current one, then swaps it in: readers of the old file are never shown a
 * half-built model.
 */
export async function rebuildReadModel(
  store: EventStore,
  file: string,
  upcasters: Upcasters,
  onProgress: (progress: RebuildProgress) => void = () => undefined,
  pageSize = 2_000,
): Promise<AppliedUpTo> {
  const expected = existsSync(file) ? previousCount(file) : 0;
  const scratch = `${file}.rebuild`;
  removeDatabase(scratch);
  const db = openReadModel(scratch, PROJECTIONS);
  // A scratch file that does not survive a failure needs no journal and no flush to disk: a rebuild that fails or is
  // killed is started again from an empty file. The swapped-in file is opened in WAL mode like any other.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  let applied: AppliedUpTo;
  try {
    const projector = new Projector(db, PROJECTIONS, upcasters, (a, b) => store.comparePositions(a, b));
    applied = projector.appliedUpTo();
    for await (const page of pagesOf(store, { pageSize })) {
      applied = projector.apply(page);
      // Unknown stays unknown (0): a bar at 100% all along says nothing.
      onProgress({ applied: applied.seq, expected: expected && Math.max(expected, applied.seq) });
    }
  } catch (error) {
    db.close();
    removeDatabase(scratch);
    throw error;
  }
  db.close();
  removeDatabase(file);
  renameSync(scratch, file);
  return applied;
}

function previousCount(file: string): number {
  const db = openReadModel(file, PROJECTIONS);
  try {
    return readAppliedUpTo(db).seq;
  } finally {
    db.close();
  }
}

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}
