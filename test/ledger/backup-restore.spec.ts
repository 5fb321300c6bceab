import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { notificationsFile } from '@ddr/notifications';
import { openNotificationsDb } from '../../apps/api/src/notifications/notifications-db';
import { appendLater, ddr, ddrAsync, rows, storeWithHistory, succeeded, tempDir } from './ledger-fixture';

const logHead = (dataDir: string) => rows(dataDir).at(-1)!.position;

/**
 * An operator's round: a backup taken while a writer runs, restored into a fresh DATA_DIR, the restored
 * ledger verified and signing new acts under the same key; and an export imported elsewhere, which may
 * sign again only once given the key that signed it, never under a silent new one.
 */
describe('backup and restore, export and import, keep the ledger whole and its key', () => {
  const source = tempDir('backup-source');
  let publicKey: string;

  beforeAll(async () => {
    await storeWithHistory(source, 200, 21);
    succeeded(ddr(source, ['ledger', 'checkpoint']));
    publicKey = succeeded(ddr(source, ['ledger', 'public-key'])).stdout;
    // The notifier's state as a server leaves it: followed up to the log's head, one attempt kept (not derivable from the log).
    const notifications = openNotificationsDb(notificationsFile(source));
    notifications.prepare('UPDATE follower SET position = ? WHERE id = 1').run(String(logHead(source)));
    notifications
      .prepare('INSERT INTO attempts (endpoint_id, seq, webhook_id, attempted_at, status, latency_ms, error) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run('scds-endpoint', 1, 'msg_backup', new Date().toISOString(), 200, 12, null);
    notifications.close();
  }, 60_000);

  it('a backup taken while a writer runs restores into a ledger that verifies and signs on with the same key', async () => {
    const backupDir = join(tempDir('backup'), 'copy');
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await appendLater(source, `during-backup-${written++}`, 3);
        // The store answers synchronously: let the child's exit be heard between two writes.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const backedUp = await ddrAsync(source, ['backup', '--out', backupDir]);
    writing = false;
    await writer;
    expect(JSON.parse(succeeded(backedUp).stdout.trim())).toMatchObject({
      files: expect.arrayContaining(['events.sqlite', 'ledger.sqlite', 'notifications.sqlite', 'keys/ledger-ed25519.pem']),
    });
    expect(written).toBeGreaterThan(0);

    const target = tempDir('restored');
    succeeded(ddr(target, ['restore', '--from', backupDir]));
    expect(succeeded(ddr(target, ['ledger', 'verify'])).stdout).toMatch(/^OK/m);
    // The delivery state comes back, followed no further than the restored log (it is copied before the log).
    const restored = new Database(notificationsFile(target), { readonly: true });
    expect(restored.prepare('SELECT webhook_id, status FROM attempts').all()).toEqual([{ webhook_id: 'msg_backup', status: 200 }]);
    const followed = Number((restored.prepare('SELECT position FROM follower').get() as { position: string }).position);
    restored.close();
    expect(followed).toBeGreaterThan(0);
    expect(followed).toBeLessThanOrEqual(logHead(target));
    await appendLater(target, 'after-restore', 4);
    succeeded(ddr(target, ['ledger', 'checkpoint']));
    expect(succeeded(ddr(target, ['ledger', 'public-key'])).stdout).toBe(publicKey);
    expect(succeeded(ddr(target, ['ledger', 'verify'])).stdout).toMatch(/^OK/m);

    // A restore never lands on a DATA_DIR in use, nor from a copy that changed since it was made.
    expect(ddr(target, ['restore', '--from', backupDir]).stderr).toMatch(/already holds .*--force/);
    writeFileSync(join(backupDir, 'ledger.sqlite'), 'not the ledger');
    const refused = ddr(tempDir('restore-refused'), ['restore', '--from', backupDir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/ledger.sqlite in the backup is not what was backed up/);
  }, 120_000);

  it('an import into a DATA_DIR without the key is refused a new key; given the key, it signs on and verifies', async () => {
    const exported = join(tempDir('export'), 'log.jsonl');
    succeeded(ddr(source, ['export', '--format', 'jsonl', '--out', exported]));
    const target = tempDir('imported');
    succeeded(ddr(target, ['import', exported]));
    await appendLater(target, 'after-import', 2);

    const refused = ddr(target, ['ledger', 'checkpoint']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/signed by key .* a new key is never made/);
    expect(existsSync(join(target, 'keys', 'ledger-ed25519.pem'))).toBe(false);

    mkdirSync(join(target, 'keys'), { recursive: true, mode: 0o700 });
    copyFileSync(join(source, 'keys', 'ledger-ed25519.pem'), join(target, 'keys', 'ledger-ed25519.pem'));
    succeeded(ddr(target, ['ledger', 'checkpoint']));
    expect(succeeded(ddr(target, ['ledger', 'public-key'])).stdout).toBe(publicKey);
    expect(succeeded(ddr(target, ['ledger', 'verify'])).stdout).toMatch(/^OK/m);
  }, 120_000);
});
