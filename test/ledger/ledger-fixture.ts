import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore, type EventToAppend } from '@ddr/event-store';
import { chainFrom } from '@ddr/ledger';
import { generateHistory } from '@ddr/history-generator';
import { built } from '../support/built';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The `ddr` command line as an operator or auditor runs it: the compiled entry point, in a child process. */
export function ddr(dataDir: string, args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [built('apps/cli/src/main.js'), ...args], {
    env: { ...process.env, DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: 'NORMAL', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The result of a command that must succeed; its stderr in the failure otherwise. */
export function succeeded(result: CliResult): CliResult {
  if (result.code !== 0) throw new Error(`ddr exited ${result.code}:\n${result.stderr}`);
  return result;
}

/** The same, without blocking: independent commands (witnesses, verifications of several copies) run side by side. */
export function ddrAsync(dataDir: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const child = spawn(process.execPath, [built('apps/cli/src/main.js'), ...args], {
    env: { ...process.env, DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: 'NORMAL', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export const tempDir = (label: string) => mkdtempSync(join(tmpdir(), `ddr-${label}-`));

/** A store with a generated history of every kind of event, as the desks write them (chained). */
export async function storeWithHistory(dataDir: string, commands: number, seed = 8): Promise<void> {
  const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite'), synchronous: 'NORMAL' });
  try {
    for (const append of generateHistory({ seed, commands })) await store.append(append.streamId, append.events);
  } finally {
    await store.close();
  }
}

/** Appends `count` more chained events to a fresh stream: the log growing after a checkpoint. */
export async function appendLater(dataDir: string, streamId: string, count: number): Promise<void> {
  const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite'), synchronous: 'NORMAL' });
  const events: EventToAppend[] = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    type: 'MilestoneReached',
    data: { note: `later ${i}`, effectiveDate: '2019-11-0' + ((i % 9) + 1) },
    metadata: { actor: 'moc-clerk', body: 'MOC', recordedAt: new Date().toISOString(), schemaVersion: 1 },
  }));
  try {
    await store.append(streamId, chainFrom(streamId, undefined, events).events, { expectedRevision: 'no_stream' });
  } finally {
    await store.close();
  }
}

/**
 * A copy of a data directory, opened the way an attacker with the files
 * would: straight SQLite, the append-only triggers dropped first.
 */
export function tamperedCopy(dataDir: string, label: string, tamper: (db: Database.Database) => void): string {
  const copy = tempDir(`tampered-${label}`);
  cpSync(dataDir, copy, { recursive: true });
  const db = new Database(join(copy, 'events.sqlite'));
  try {
    for (const { name } of db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger'").all()) {
      db.exec(`DROP TRIGGER "${name}"`);
    }
    tamper(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return copy;
}

export interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  data: string;
  metadata: string;
}

export function rows(dataDir: string): EventRow[] {
  const db = new Database(join(dataDir, 'events.sqlite'));
  try {
    return db.prepare<[], EventRow>('SELECT position, event_id, stream_id, revision, data, metadata FROM events ORDER BY position').all();
  } finally {
    db.close();
  }
}
