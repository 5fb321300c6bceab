import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore } from '@ddr/event-store';
import { readSettings } from '@ddr/settings';

/**
 * The default that survives a process crash and a power loss (docs/reliability.md):
 * WAL with synchronous = FULL, so every acknowledged commit is on disk before
 * the append resolves.
 */
describe('durability settings of the embedded store', () => {
  const pragmas = async (env: NodeJS.ProcessEnv) => {
    const settings = readSettings({ NODE_ENV: process.env.NODE_ENV, DATA_DIR: mkdtempSync(join(tmpdir(), 'ddr-durability-')), ...env });
    const store = openEventStore(settings);
    const db = (store as unknown as { db: { pragma(p: string, o: object): unknown } }).db;
    try {
      return { journal: db.pragma('journal_mode', { simple: true }), synchronous: db.pragma('synchronous', { simple: true }) };
    } finally {
      await store.close();
    }
  };

  it('defaults to WAL with synchronous FULL (2)', async () => {
    expect(await pragmas({})).toEqual({ journal: 'wal', synchronous: 2 });
  });

  it('SQLITE_SYNCHRONOUS=NORMAL (1) is a choice, not the default', async () => {
    expect(await pragmas({ SQLITE_SYNCHRONOUS: 'NORMAL' })).toEqual({ journal: 'wal', synchronous: 1 });
  });
});
