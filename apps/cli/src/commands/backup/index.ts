import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type CliCommand } from '../../cli-command';
import { checkedManifest, copyKeys, copySqlite, FOLLOWER_FILES, isEmptyFolder, KEYS_DIR, LOG_FILE, restoreFiles, writeManifest } from './data-dir-copy';

export const backup: CliCommand = {
  words: ['backup'],
  usage:
    'backup --out DIR [--force]         a consistent copy of DATA_DIR while the server runs and writes: the log, the read\n' +
    '                                   model, the ledger tree, the delivery state of notifications and the keys, with a\n' +
    '                                   manifest of their SHA-256',
  async run(args, settings, io) {
    const { values } = parseArgs({ args, options: { out: { type: 'string' }, force: { type: 'boolean' } } });
    if (!values.out) throw new UsageError('--out DIR is required');
    const out = resolve(values.out);
    if (!isEmptyFolder(out) && !values.force) throw new UsageError(`${values.out} is not empty; give --force to write into it`);
    mkdirSync(out, { recursive: true, mode: 0o700 });
    const files: string[] = [];
    const sqlite = settings.eventStore === 'sqlite' ? [...FOLLOWER_FILES, LOG_FILE] : FOLLOWER_FILES;
    for (const name of sqlite.filter((file) => existsSync(join(settings.dataDir, file)))) {
      io.err(`copying ${name}`);
      copySqlite(join(settings.dataDir, name), join(out, name));
      files.push(name);
    }
    files.push(...copyKeys(join(settings.dataDir, KEYS_DIR), join(out, KEYS_DIR)));
    const notes = [
      ...(settings.eventStore === 'esdb' ? ['the log is in EventStoreDB: back it up with its own tools'] : []),
      ...(settings.ledgerKeyFile ? [`the ledger key is LEDGER_KEY_FILE ${settings.ledgerKeyFile}: keep a copy of it`] : []),
      ...(settings.jwtSecret ? ['tokens are signed with JWT_SECRET: keep it with the backup'] : []),
    ];
    const manifest = writeManifest(out, files, notes);
    for (const note of notes) io.err(`note: ${note}`);
    io.out(JSON.stringify({ backup: out, files: manifest.files.map((file) => file.path) }));
    return 0;
  },
};

export const restore: CliCommand = {
  words: ['restore'],
  usage:
    'restore --from DIR [--force]       put a `ddr backup` back into DATA_DIR (empty, or --force to replace), every file\n' +
    '                                   checked against the manifest first; stop the server on DATA_DIR before',
  async run(args, settings, io) {
    const { values } = parseArgs({ args, options: { from: { type: 'string' }, force: { type: 'boolean' } } });
    if (!values.from) throw new UsageError('--from DIR is required');
    let manifest;
    try {
      manifest = checkedManifest(resolve(values.from));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const taken = manifest.files.filter((file) => existsSync(join(settings.dataDir, file.path)));
    if (taken.length > 0 && !values.force) {
      throw new UsageError(`${settings.dataDir} already holds ${taken.map((file) => file.path).join(', ')}; give --force to replace them`);
    }
    restoreFiles(resolve(values.from), settings.dataDir, manifest);
    for (const note of manifest.notes) io.err(`note: ${note}`);
    io.out(JSON.stringify({ restored: settings.dataDir, files: manifest.files.map((file) => file.path), backedUpAt: manifest.createdAt }));
    return 0;
  },
};

export const BACKUP_COMMANDS: CliCommand[] = [backup, restore];
