import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Projection } from './projection';
import type { ReadModelDb } from './read-model-db';

/**
 * Bump when a projection's tables or meaning change: a read model built by
 * another version is dropped and rebuilt from the log at start-up.
 */
export const READ_MODEL_VERSION = 12;

/** The read model's page cache, in MiB: resident memory grows by at most this much as the store does. */
const READ_MODEL_CACHE_MIB = 32;

/** The server's read model in a data directory. */
export const readModelFile = (dataDir: string) => join(dataDir, 'read-model.sqlite');

const BOOKKEEPING = `
CREATE TABLE IF NOT EXISTS read_model (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL,
  position TEXT,
  seq INTEGER NOT NULL
);
`;

/**
 * Opens (creating when missing) a read model file with the tables of
 * `projections`, rebuilt empty when its version is not ours. The server and
 * the CLI pass every projection (PROJECTIONS); a test may pass one.
 */
export function openReadModel(file: string, projections: readonly Projection[]): ReadModelDb {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 5_000 });
  db.pragma('journal_mode = WAL');
  // The read model is derived: losing the last transactions to a power cut only means re-applying them.
  db.pragma('synchronous = NORMAL');
  // Pages SQLite keeps between statements (2 MiB by default): a body's queue and the instruments it names stay read
  // while the projections write elsewhere, so a page costs the same in a store ten times larger.
  db.pragma(`cache_size = -${READ_MODEL_CACHE_MIB * 1024}`);
  db.exec(BOOKKEEPING);
  const row = db.prepare<[], { version: number }>('SELECT version FROM read_model WHERE id = 1').get();
  if (row && row.version !== READ_MODEL_VERSION) dropAll(db);
  db.exec(BOOKKEEPING);
  for (const projection of projections) db.exec(projection.schema);
  db.prepare('INSERT OR IGNORE INTO read_model (id, version, position, seq) VALUES (1, ?, NULL, 0)').run(READ_MODEL_VERSION);
  return db;
}

function dropAll(db: ReadModelDb): void {
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
  db.transaction(() => tables.forEach(({ name }) => db.exec(`DROP TABLE "${name}"`)))();
}
