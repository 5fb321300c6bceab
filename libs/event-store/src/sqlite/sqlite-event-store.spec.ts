import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../testing';
import { SqliteEventStore } from './sqlite-event-store';

const dir = mkdtempSync(join(tmpdir(), 'ddr-sqlite-contract-'));
let n = 0;

eventStoreContract('SQLite on a real file', {
  open: async () => new SqliteEventStore({ file: join(dir, `events-${n++}.sqlite`) }),
  dispose: async () => rmSync(dir, { recursive: true, force: true }),
});
