import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { eventLogFile } from '@ddr/event-store';
import { defaultLedgerKeyFile, ledgerFile } from '@ddr/ledger/live';
import { notificationsFile } from '@ddr/notifications';
import { readModelFile } from '@ddr/read-model';

/**
 * What a restore needs, in the order a backup copies it: the files of the log's followers first (read model,
 * ledger tree, the notifier's delivery state), the log last, so the log in a backup holds at least every event
 * the followers have applied; the keys (the ledger's signing key, the token secret) with them, or the restored
 * ledger could not sign again.
 */
export const FOLLOWER_FILES = [readModelFile, ledgerFile, notificationsFile].map((file) => basename(file('')));
export const LOG_FILE = basename(eventLogFile(''));
export const KEYS_DIR = basename(dirname(defaultLedgerKeyFile('')));
export const MANIFEST = 'manifest.json';

export interface BackupManifest {
  createdAt: string;
  /** Relative paths with their size and SHA-256, checked whole before a restore writes anything. */
  files: Array<{ path: string; bytes: number; sha256: string }>;
  /** What the backup does not hold and must be kept elsewhere. */
  notes: string[];
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A folder that holds nothing yet (or does not exist). */
export const isEmptyFolder = (dir: string) => !existsSync(dir) || readdirSync(dir).length === 0;

/**
 * A consistent copy of one SQLite file while writers may be at work: VACUUM INTO reads it in one read
 * transaction (WAL lets writers go on) and writes a compact copy, which the copy's reader then owns.
 */
export function copySqlite(from: string, to: string): void {
  const db = new Database(from, { readonly: true, fileMustExist: true });
  try {
    db.prepare('VACUUM INTO ?').run(to);
  } finally {
    db.close();
  }
}

/** A folder for keys, and a key in it: owner-only, as they were made. */
function keysFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}
function copyKey(from: string, to: string): void {
  copyFileSync(from, to);
  chmodSync(to, 0o600);
}

/** Copies a data directory's keys. */
export function copyKeys(from: string, to: string): string[] {
  if (!existsSync(from)) return [];
  keysFolder(to);
  return readdirSync(from)
    .filter((name) => statSync(join(from, name)).isFile())
    .map((name) => {
      copyKey(join(from, name), join(to, name));
      return join(KEYS_DIR, name);
    });
}

export function writeManifest(dir: string, paths: string[], notes: string[]): BackupManifest {
  const manifest: BackupManifest = {
    createdAt: new Date().toISOString(),
    files: paths.map((path) => ({ path, bytes: statSync(join(dir, path)).size, sha256: sha256(join(dir, path)) })),
    notes,
  };
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

/** The manifest of a backup, every file checked against it; the first problem found, as a sentence. */
export function checkedManifest(dir: string): BackupManifest {
  if (!existsSync(join(dir, MANIFEST))) throw new Error(`${dir} holds no ${MANIFEST}: not a backup made by \`ddr backup\``);
  const manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as BackupManifest;
  for (const file of manifest.files) {
    const path = join(dir, file.path);
    if (!existsSync(path)) throw new Error(`the backup lacks ${file.path}`);
    if (sha256(path) !== file.sha256) throw new Error(`${file.path} in the backup is not what was backed up (its SHA-256 differs)`);
  }
  return manifest;
}

/** Puts a checked backup's files in place; SQLite's side files of a replaced database go with it. */
export function restoreFiles(from: string, to: string, manifest: BackupManifest): void {
  mkdirSync(to, { recursive: true });
  for (const { path } of manifest.files) {
    const target = join(to, path);
    for (const side of ['-wal', '-shm']) rmSync(`${target}${side}`, { force: true });
    if (path.startsWith(`${KEYS_DIR}/`)) {
      keysFolder(join(to, KEYS_DIR));
      copyKey(join(from, path), target);
    } else {
      copyFileSync(join(from, path), target);
    }
  }
}
