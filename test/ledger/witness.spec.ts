import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { appendLater, ddr, ddrAsync, rows, storeWithHistory, succeeded, tempDir } from './ledger-fixture';

const WITNESSES = ['MOC', 'CTS', 'CNDDR'] as const;

/**
 * No single operator can rewrite history unnoticed: each body keeps its own
 * witness key and state, co-signs only checkpoints that extend the last one
 * it signed, and refuses, loudly, a history rewritten behind its back.
 */
describe('witnesses of the ledger', () => {
  const dataDir = tempDir('witnessed');
  const witnessDir = tempDir('witness-keys');
  const witnessArgs = (body: string) => [
    'ledger',
    'witness',
    '--body',
    body,
    '--key',
    join(witnessDir, `${body}.pem`),
    '--state',
    join(witnessDir, `${body}.json`),
  ];
  const witness = (body: string) => ddr(dataDir, witnessArgs(body));
  /** The bodies witness independently, each in its own process, at the same time. */
  const allWitness = () => Promise.all(WITNESSES.map((body) => ddrAsync(dataDir, witnessArgs(body))));
  const cosignatures = () => rows(dataDir).filter((row) => row.stream_id.startsWith('ledger-witness-'));

  /** The operator rewrites the log behind the checkpoints, straight in SQLite, and drops the ledger file to rebuild the tree. */
  const rewrite = (sql: string, ...params: unknown[]) => {
    const db = new Database(join(dataDir, 'events.sqlite'));
    for (const { name } of db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger'").all()) db.exec(`DROP TRIGGER "${name}"`);
    db.prepare(sql).run(...params);
    db.close();
    rmSync(join(dataDir, 'ledger.sqlite'));
  };

  beforeAll(async () => {
    await storeWithHistory(dataDir, 300, 21);
  }, 60_000);

  it('each body co-signs the first checkpoint with a key of its own, and verify shows who witnessed it', async () => {
    succeeded(ddr(dataDir, ['ledger', 'checkpoint']));
    const results = await allWitness();
    for (const [i, body] of WITNESSES.entries()) {
      const { code, stderr, stdout } = results[i];
      expect(stderr).toMatch(new RegExp(`${body} co-signed the checkpoint of size \\d+: its first checkpoint`));
      expect(JSON.parse(stdout)).toMatchObject({ body, status: 'cosigned' });
      expect(code).toBe(0);
      expect(statSync(join(witnessDir, `${body}.pem`)).mode & 0o777).toBe(0o600);
    }
    expect(
      cosignatures()
        .map((row) => row.stream_id)
        .sort(),
    ).toEqual(WITNESSES.map((body) => `ledger-witness-${body}`).sort());
    const verified = ddr(dataDir, ['ledger', 'verify']);
    expect(verified.stdout).toMatch(/^checkpoint: size \d+ at position \d+: valid, witnessed by (MOC|CTS|CNDDR), (MOC|CTS|CNDDR), (MOC|CTS|CNDDR)$/m);
    expect(verified.code).toBe(0);
  });

  it('co-signs a later checkpoint that extends the one it signed, and does nothing when there is none', async () => {
    expect(witness('MOC').stderr).toMatch(/MOC already co-signed the latest checkpoint/);
    await appendLater(dataDir, 'instrument-after-first-checkpoint', 2);
    succeeded(ddr(dataDir, ['ledger', 'checkpoint']));
    const { code, stderr } = witness('MOC');
    expect(stderr).toMatch(/MOC co-signed the checkpoint of size \d+: it extends size \d+/);
    expect(code).toBe(0);
  });

  it('the operator cannot sign a checkpoint over a history rewritten behind the last one', () => {
    const early = rows(dataDir)[4];
    rewrite("UPDATE events SET data = json_set(data, '$.effectiveDate', '1999-12-31') WHERE position = ?", early.position);
    const { code, stderr } = ddr(dataDir, ['ledger', 'checkpoint']);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^REFUSED: the log of \d+ events is not an extension of the last signed checkpoint \(size \d+, position \d+\): history before it was altered/m,
    );
  });

  it('when the operator also erases the checkpoints and signs afresh, every witness refuses and nothing is recorded', async () => {
    rewrite("DELETE FROM events WHERE stream_id LIKE 'ledger-%'");
    // New events on top, so that the rewritten log is longer than any checkpoint the witnesses signed.
    await appendLater(dataDir, 'instrument-after-the-rewrite', 12);
    const signed = ddr(dataDir, ['ledger', 'checkpoint']);
    expect(signed.code).toBe(0);
    expect(signed.stderr).toMatch(/signed checkpoint of size \d+/);
    const results = await allWitness();
    for (const [i, body] of WITNESSES.entries()) {
      const { code, stderr } = results[i];
      expect(stderr).toMatch(
        new RegExp(
          `^REFUSED: ${body} refuses to co-sign the checkpoint of size \\d+: it is not an extension of the checkpoint of size \\d+ this witness co-signed on .*: history was rewritten`,
          'm',
        ),
      );
      expect(code).toBe(1);
    }
    expect(cosignatures()).toEqual([]);
    // Their states still hold the checkpoints they signed: the evidence.
    for (const body of WITNESSES) expect(existsSync(join(witnessDir, `${body}.json`))).toBe(true);
  });
});
